package dev.aiguard.cli;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.cli.internal.serve.CrsLocator;
import dev.aiguard.cli.internal.serve.DemoExamples;
import dev.aiguard.cli.internal.serve.DemoPolicy;
import dev.aiguard.cli.internal.serve.GuardServer;
import dev.aiguard.cli.internal.serve.MockModelHandler;
import dev.aiguard.cli.internal.serve.MonitorMode;
import dev.aiguard.cli.internal.serve.UpstreamProxy;
import dev.aiguard.cli.internal.serve.RequestListener;
import dev.aiguard.cli.internal.console.ConsoleData;
import dev.aiguard.cli.internal.console.ConsoleServer;
import dev.aiguard.cli.internal.console.PolicyInfo;
import dev.aiguard.cli.internal.console.RequestCounter;
import dev.aiguard.cli.internal.egress.EgressProxyServer;
import dev.aiguard.cli.internal.egress.IdentityProxyAuthenticator;
import dev.aiguard.cli.internal.egress.ProxyAuthenticator;
import dev.aiguard.cli.internal.egress.WorkloadGuards;
import dev.aiguard.api.EventSink;
import dev.aiguard.egress.Resolver;
import dev.aiguard.egress.WorkloadEgressPolicies;
import org.eclipse.jetty.server.Handler;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * {@code aiguard serve}: the guard in front of an HTTP model endpoint, either a built-in mock of an OpenAI-compatible
 * model ({@code --demo}) or any inference server ({@code --upstream URL}, a streaming reverse proxy).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve HTTP behind the guard: a mock OpenAI-compatible model (--demo) or a reverse proxy in "
                + "front of an inference server (--upstream URL). Every request is inspected before it reaches the "
                + "model; blocked ones are answered with application/problem+json.",
                "--egress-proxy instead runs a forward proxy (HTTP and HTTPS CONNECT) that applies the policy's "
                        + "egress: section to every outbound connection.",
                "In every mode a web console listens on 127.0.0.1 (--admin-port), protected by an admin token "
                        + "printed at start ($AIGUARD_ADMIN_TOKEN sets it).",
                "Exit codes: 0 stopped, 1 could not listen, 2 bad arguments or invalid policy."})
final class ServeCommand implements Callable<Integer> {

    /** Events the console keeps in memory. */
    static final int CONSOLE_EVENTS = 2000;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** What sits behind the guard. */
    static final class Target {
        @Option(names = "--demo", required = true,
                description = "Serve a mock OpenAI-compatible model (POST /v1/chat/completions, GET /v1/models).")
        boolean demo;

        @Option(names = "--upstream", required = true, paramLabel = "URL",
                description = "Reverse-proxy to this inference server (vLLM, Ollama, TGI...), streaming preserved.")
        URI upstream;

        @Option(names = "--egress-proxy", required = true,
                description = "Run a forward proxy (HTTP and HTTPS CONNECT) applying the policy's egress: section to "
                        + "every connection, for workloads that set HTTP_PROXY/HTTPS_PROXY.")
        boolean egressProxy;
    }

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "Port; 0 picks a free one (default 8080).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--policy", paramLabel = "P",
            description = "Policy file or directory. Required with --upstream; the demo defaults to examples/policies/demo.yaml.")
    Path policy;

    @Option(names = "--monitor", description = "Stage everything: record 'would block' and let every request through.")
    boolean monitor;

    @Option(names = "--crs", paramLabel = "DIR", description = "OWASP CRS directory (sets ${AIGUARD_CRS_DIR} for the "
            + "policy). The demo otherwise tries $AIGUARD_CRS_DIR, ../shared/crs and /usr/share/modsecurity-crs.")
    Path crs;

    @Option(names = "--admin-port", defaultValue = "0", paramLabel = "N",
            description = "Port of the web console on 127.0.0.1 (default 0: a free port, printed at start).")
    int adminPort;

    @Option(names = "--no-console", description = "Do not start the web console.")
    boolean noConsole;

    @Option(names = "--stream-delay", defaultValue = "25ms", hidden = true, paramLabel = "DURATION",
            description = "Pause between the demo model's streamed chunks.")
    String streamDelay;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where ${NAME} in policies and $AIGUARD_CRS_DIR are looked up (tests replace it). */
    Function<String, String> environment = System::getenv;
    private final List<String> notes = new ArrayList<>();
    /** Completes with the server's URL once it listens (tests wait on it). */
    final CompletableFuture<URI> started = new CompletableFuture<>();
    /** The example requests the demo printed (tests send them). */
    volatile List<DemoExamples.Example> examples = List.of();
    /** Where the egress proxy resolves names (tests replace it). */
    Resolver egressResolver = Resolver.system();
    /** The console's admin token once it runs (tests sign in with it). */
    volatile String adminToken;
    /** The console's URL once it runs. */
    volatile URI consoleUri;
    private volatile AutoCloseable server;
    private volatile boolean stopRequested;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return serve(out, err);
        } finally {
            out.flush();
            err.flush();
            started.completeExceptionally(new IllegalStateException("serve ended without starting"));
        }
    }

    private Integer serve(PrintWriter out, PrintWriter err) {
        Duration chunkDelay = parseDelay(streamDelay);
        if (chunkDelay == null) {
            err.println("serve: --stream-delay: expected a duration like 25ms");
            return 2;
        }
        if (target.upstream != null) {
            if (policy == null) {
                err.println("serve: --upstream needs --policy");
                return 2;
            }
            String problem = UpstreamProxy.problemWith(target.upstream);
            if (problem != null) {
                err.println("serve: --upstream " + target.upstream + ": " + problem);
                return 2;
            }
        }
        if (port < 0 || port > 65535) {
            err.println("serve: --port must be between 0 and 65535");
            return 2;
        }
        if (adminPort < 0 || adminPort > 65535) {
            err.println("serve: --admin-port must be between 0 and 65535");
            return 2;
        }
        if (target.egressProxy) {
            return serveEgressProxy(out, err);
        }
        Optional<Path> crsDir = CrsLocator.locate(crs, environment);
        if (crs != null && crsDir.isEmpty()) {
            err.println("serve: --crs " + crs + ": not a CRS directory (no rules/ inside)");
            return 2;
        }
        GuardConfig config;
        try {
            config = loadConfig(crsDir);
        } catch (PolicyException e) {
            e.errors().forEach(err::println);
            err.println("serve: the policy has " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors"));
            return 2;
        } catch (UncheckedIOException e) {
            err.println("serve: cannot read the policy: " + e.getCause().getMessage());
            return 2;
        }
        if (monitor) {
            config = MonitorMode.apply(config);
        }
        ConsoleData console = noConsole ? null : new ConsoleData(CONSOLE_EVENTS, Clock.systemUTC());
        if (console != null) {
            config = withSink(config, console);
        }
        return run(Guard.create(config), chunkDelay, crsDir, console, out, err);
    }

    private GuardConfig loadConfig(Optional<Path> crsDir) throws PolicyException {
        if (!target.demo) {
            return loader(crsDir).load(policy).toGuardConfig();
        }
        Path chosen = DemoPolicy.choose(policy);
        if (crsDir.isEmpty()) {
            notes.add("no OWASP CRS directory found (tried " + CrsLocator.candidates(crs, environment).stream()
                    .map(Path::toString).collect(Collectors.joining(", ")) + "), so crs stages are left out; "
                    + "give one with --crs DIR");
            return DemoPolicy.load(loader(crsDir), chosen, false).toGuardConfig();
        }
        try {
            return DemoPolicy.load(loader(crsDir), chosen, true).toGuardConfig();
        } catch (PolicyException e) {
            if (crs != null) {
                throw e;
            }
            // A directory the demo found by itself (an older CRS package, say) must not stop the demo.
            GuardConfig without;
            try {
                without = DemoPolicy.load(loader(crsDir), chosen, false).toGuardConfig();
            } catch (PolicyException again) {
                throw e;
            }
            notes.add("the CRS found at " + crsDir.get() + " cannot be used (" + e.errors().get(0).message()
                    + "), so crs stages are left out; give another with --crs DIR");
            return without;
        }
    }

    /** A loader whose ${AIGUARD_CRS_DIR} is the directory found, when there is one. */
    private PolicyLoader loader(Optional<Path> crsDir) {
        Function<String, String> env = name -> CrsLocator.ENV.equals(name) && crsDir.isPresent()
                ? crsDir.get().toString() : environment.apply(name);
        return PolicyLoader.builder().environment(env).build();
    }

    private Integer run(Guard guard, Duration chunkDelay, Optional<Path> crsDir, ConsoleData console, PrintWriter out,
                        PrintWriter err) {
        try (guard) {
            Handler app = target.demo ? new MockModelHandler(chunkDelay)
                    : new UpstreamProxy(target.upstream, GuardServer.IDLE_TIMEOUT);
            GuardServer running;
            try {
                running = GuardServer.start(bind, port, guard, app,
                        console == null ? RequestListener.NONE : new RequestCounter(console));
                server = running;
            } catch (Exception e) {
                err.println("serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                return 1;
            }
            try (running; ConsoleServer admin = startConsole(console, () -> policyInfo(guard, running.uri(), ""), err)) {
                if (stopRequested || (console != null && admin == null)) {
                    return stopRequested ? 0 : 1;
                }
                running.stopAtShutdown();
                banner(out, running.uri(), guard.config(), crsDir, admin);
                out.flush();
                started.complete(running.uri());
                running.join();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            err.println("serve: " + e);
            return 1;
        }
    }

    /** Stops a running server (tests; Ctrl-C goes through the JVM's shutdown hook). */
    void stop() {
        stopRequested = true;
        AutoCloseable running = server;
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code --egress-proxy}: the policy's egress section on every proxied connection. */
    private Integer serveEgressProxy(PrintWriter out, PrintWriter err) {
        if (policy == null) {
            err.println("serve: --egress-proxy needs --policy (a policy with an egress: section)");
            return 2;
        }
        Policy loaded;
        WorkloadEgressPolicies egress;
        GuardConfig config;
        try {
            loaded = loader(Optional.empty()).load(policy);
            Optional<WorkloadEgressPolicies> section = WorkloadEgressPolicies.fromPolicy(loaded);
            if (section.isEmpty()) {
                err.println("serve: " + policy + " has no egress: section (see docs/egress-proxy.md)");
                return 2;
            }
            egress = section.get();
            config = loaded.toGuardConfig();
        } catch (PolicyException e) {
            e.errors().forEach(err::println);
            err.println("serve: the policy has " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors"));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("serve: the policy's egress section is invalid");
            return 2;
        } catch (UncheckedIOException e) {
            err.println("serve: cannot read the policy: " + e.getCause().getMessage());
            return 2;
        }
        ConsoleData console = noConsole ? null : new ConsoleData(CONSOLE_EVENTS, Clock.systemUTC());
        if (console != null) {
            config = withSink(config, console);
        }
        WorkloadGuards guards = new WorkloadGuards(egress, egressResolver, Duration.ofSeconds(30));
        try (Guard guard = Guard.create(config)) {
            Optional<IdentityProxyAuthenticator> identity;
            try {
                identity = IdentityProxyAuthenticator.fromPolicy(loaded);
            } catch (Exception e) {
                err.println("serve: cannot build proxy authentication from the identity stage: " + e.getMessage());
                return 2;
            }
            ProxyAuthenticator authenticator = identity.<ProxyAuthenticator>map(a -> a)
                    .orElse(ProxyAuthenticator.anonymous());
            EgressProxyServer proxy;
            try {
                proxy = EgressProxyServer.start(bind, port, authenticator, guards, guard::publish, guard.policyVersion());
                server = proxy;
            } catch (Exception e) {
                err.println("serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                return 1;
            }
            try (proxy; ConsoleServer admin = startConsole(console,
                    () -> policyInfo(guard, proxy.uri(), guards.describe()), err)) {
                if (stopRequested || (console != null && admin == null)) {
                    return stopRequested ? 0 : 1;
                }
                proxy.stopAtShutdown();
                out.println("AIGuard egress proxy at " + proxy.uri());
                out.println("  policy: " + policy + ", version " + guard.policyVersion() + ", egress " + guards.describe());
                out.println("  proxy authentication: " + (identity.isPresent()
                        ? "required (Proxy-Authorization: Bearer <API key>, or Basic with the key as password)"
                        : "none (the policy has no identity stage)"));
                out.println("  use: HTTP_PROXY=" + proxy.uri() + " HTTPS_PROXY=" + proxy.uri());
                consoleBanner(out, admin);
                out.println();
                out.println("Press Ctrl-C to stop.");
                out.flush();
                started.complete(proxy.uri());
                proxy.join();
            } finally {
                identity.ifPresent(IdentityProxyAuthenticator::close);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            err.println("serve: " + e);
            return 1;
        }
    }

    /** Starts the console (null when disabled); prints why and returns null when it cannot start. */
    private ConsoleServer startConsole(ConsoleData console, Supplier<PolicyInfo> info, PrintWriter err) {
        if (console == null) {
            return null;
        }
        String token = environment.apply("AIGUARD_ADMIN_TOKEN");
        try {
            ConsoleServer admin = ConsoleServer.start("127.0.0.1", adminPort, token == null || token.isBlank() ? null
                    : token.strip(), console, info);
            adminToken = admin.token();
            consoleUri = admin.uri();
            return admin;
        } catch (Exception e) {
            err.println("serve: cannot start the console on 127.0.0.1:" + adminPort + ": " + e.getMessage());
            return null;
        }
    }

    private static void consoleBanner(PrintWriter out, ConsoleServer admin) {
        if (admin != null) {
            out.println("  console: " + admin.uri() + " (admin token: " + admin.token() + ")");
        }
    }

    private PolicyInfo policyInfo(Guard guard, URI uri, String egress) {
        GuardConfig c = guard.config();
        List<String> stages = c.stages().stream()
                .map(s -> s.name() + " (" + s.type() + ", " + (s.mode() == null ? c.mode() : s.mode()).policyName() + ")")
                .toList();
        String serving = target.demo ? "demo model at " + uri : target.upstream != null
                ? "reverse proxy " + uri + " -> " + target.upstream : "egress proxy at " + uri;
        String source = target.demo ? DemoPolicy.describe(DemoPolicy.choose(policy)) : String.valueOf(policy);
        return new PolicyInfo(guard.policyVersion(), c.mode().policyName(), source, stages, egress, serving);
    }

    /** The same configuration with one more event sink. */
    static GuardConfig withSink(GuardConfig c, EventSink sink) {
        List<EventSink> sinks = new ArrayList<>(c.sinks());
        sinks.add(sink);
        return new GuardConfig(c.version(), c.mode(), c.stages(), sinks, c.events(), c.maxBodyBytes());
    }

    private void banner(PrintWriter out, URI uri, GuardConfig config, Optional<Path> crsDir, ConsoleServer admin) {
        Set<String> types = config.stages().stream().map(ConfiguredStage::type)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String stages = config.stages().stream().map(s -> s.name() + " (" + s.type() + ")").collect(Collectors.joining(", "));
        if (target.demo) {
            out.println("AIGuard demo: a mock OpenAI-compatible model behind the guard at " + uri);
            out.println("  policy: " + DemoPolicy.describe(DemoPolicy.choose(policy)) + ", version " + config.version()
                    + ", mode " + config.mode().policyName());
        } else {
            out.println("AIGuard reverse proxy: " + uri + " -> " + target.upstream);
            out.println("  policy: " + policy + ", version " + config.version() + ", mode " + config.mode().policyName());
        }
        out.println("  stages: " + (stages.isEmpty() ? "none" : stages));
        consoleBanner(out, admin);
        if (target.demo) {
            if (types.contains("crs")) {
                crsDir.ifPresent(dir -> out.println("  CRS: " + dir));
            }
            notes.forEach(note -> out.println("  note: " + note));
            List<String> keys = types.contains("identity") ? DemoExamples.DEMO_API_KEYS : List.of();
            keys.forEach(key -> out.println("  demo API key: " + key));
            out.println();
            out.println("Try:");
            examples = DemoExamples.forStages(types, keys);
            for (DemoExamples.Example example : examples) {
                out.println("  # " + example.title());
                out.println("  " + example.curl(uri));
            }
        }
        out.println();
        out.println("Press Ctrl-C to stop.");
    }

    /** A duration like {@code 25ms}, {@code 0} or {@code 1s}; null when not one. */
    static Duration parseDelay(String text) {
        String t = text.trim();
        try {
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
