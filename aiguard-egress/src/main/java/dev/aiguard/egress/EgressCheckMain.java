package dev.aiguard.egress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.egress.internal.HostParser;
import dev.aiguard.egress.internal.IpAddress;
import dev.aiguard.egress.internal.PolicyFile;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code egress check --policy P --urls FILE [--resolve host=ip,...]}: checks one URL per line of FILE and prints
 * one JSON line per URL, {@code {"url":...,"allowed":...,"reason":...}}, then {@code egress: urls=N denied=N}.
 * Hosts named in {@code --resolve} get those addresses; others use the JVM resolver. Exit status 0 after a run
 * (whatever was denied), 2 for usage or policy errors.
 */
public final class EgressCheckMain {

    private static final String USAGE = "usage: egress check --policy POLICY.yaml --urls FILE [--resolve host=ip,...]";

    private EgressCheckMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the check; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("check")) {
            rest.remove(0);
        }
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!(arg.equals("--policy") || arg.equals("--urls") || arg.equals("--resolve")) || i + 1 >= rest.size()) {
                err.println(USAGE);
                return 2;
            }
            options.merge(arg, rest.get(++i), (a, b) -> a + "," + b);
        }
        if (!options.containsKey("--policy") || !options.containsKey("--urls")) {
            err.println(USAGE);
            return 2;
        }
        try {
            EgressPolicy policy = PolicyFile.load(Path.of(options.get("--policy")));
            Resolver resolver = overrides(options.getOrDefault("--resolve", ""));
            List<String> urls = Files.readAllLines(Path.of(options.get("--urls")), StandardCharsets.UTF_8);
            check(EgressGuard.builder(policy).resolver(resolver).build(), urls, out);
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("egress check: " + e.getMessage());
            return 2;
        }
    }

    private static void check(EgressGuard guard, List<String> lines, PrintStream out) {
        ObjectMapper json = new ObjectMapper();
        int total = 0;
        int denied = 0;
        for (String line : lines) {
            String url = line.strip();
            if (url.isEmpty()) {
                continue;
            }
            EgressDecision d = guard.check(url);
            total++;
            denied += d.denied() ? 1 : 0;
            ObjectNode row = json.createObjectNode().put("url", url).put("allowed", d.allowed())
                    .put("reason", d.reason().code());
            out.println(row.toString());
        }
        out.println("egress: urls=" + total + " denied=" + denied);
    }

    /** {@code host=ip,host=ip2,...}: listed hosts answer those addresses, others go to the JVM resolver. */
    private static Resolver overrides(String spec) {
        Map<String, List<InetAddress>> table = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            IpAddress ip = eq > 0 ? HostParser.parseIpLiteral(pair.substring(eq + 1).strip()) : null;
            if (ip == null) {
                throw new IllegalArgumentException("--resolve expects host=ip, got '" + pair + "'");
            }
            String host = HostParser.parse(pair.substring(0, eq).strip().toLowerCase(Locale.ROOT)).uriText();
            table.computeIfAbsent(host, h -> new ArrayList<>()).add(ip.toInetAddress());
        }
        Resolver system = Resolver.system();
        return host -> {
            List<InetAddress> fixed = table.get(host);
            return fixed != null ? List.copyOf(fixed) : system.resolve(host);
        };
    }
}
