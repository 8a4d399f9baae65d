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
import java.util.stream.Collectors;

/**
 * {@code aiguard serve}: the guard in front of an HTTP model endpoint, either a built-in mock of an OpenAI-compatible
 * model ({@code --demo}) or any inference server ({@code --upstream URL}, a streaming reverse proxy).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve HTTP behind the guard: a mock OpenAI-compatible model (--demo) or a reverse proxy in "
                + "front of an inference server (--upstream URL). Every request is inspected before it reaches the "
                + "model; blocked ones are answered with application/problem+json.",
                "Exit codes: 0 stopped, 1 could not listen, 2 bad arguments or invalid policy."})
final class ServeCommand implements Callable<Integer> {

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
    private volatile GuardServer server;
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
        return run(Guard.create(config), chunkDelay, crsDir, out, err);
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

    private Integer run(Guard guard, Duration chunkDelay, Optional<Path> crsDir, PrintWriter out, PrintWriter err) {
        try (guard) {
            Handler app = target.demo ? new MockModelHandler(chunkDelay)
                    : new UpstreamProxy(target.upstream, GuardServer.IDLE_TIMEOUT);
            try {
                server = GuardServer.start(bind, port, guard, app);
            } catch (Exception e) {
                err.println("serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                return 1;
            }
            try (GuardServer running = server) {
                if (stopRequested) {
                    return 0;
                }
                running.stopAtShutdown();
                banner(out, running.uri(), guard.config(), crsDir);
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
        GuardServer running = server;
        if (running != null) {
            running.close();
        }
    }

    private void banner(PrintWriter out, URI uri, GuardConfig config, Optional<Path> crsDir) {
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
