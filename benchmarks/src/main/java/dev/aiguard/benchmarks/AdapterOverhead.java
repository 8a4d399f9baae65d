package dev.aiguard.benchmarks;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.identity.ApiKeyDigests;
import dev.aiguard.servlet.AiGuardFilter;
import dev.aiguard.vertx.AiGuardHandler;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * What an adapter adds to a request over loopback HTTP, against the same server without it, in the same run: Jetty 12
 * with and without {@link AiGuardFilter}, Vert.x with {@code BodyHandler} and with {@link AiGuardHandler} in its place.
 * Every request is a small OpenAI chat request with an API key; the policy is the identity and prompt stages; the
 * application answers a small JSON body with usage (so the adapters also read the usage). One client thread, HTTP/1.1
 * keep-alive, {@code java.net.http.HttpClient}: the client's own cost is in every number, so compare the pairs.
 * {@code policy=none} runs the adapters in front of a guard without stages: what the adapter itself costs.
 *
 * <p>Besides the wall time per request, {@link CpuTime} reports {@code cpuMicrosPerOp}: the CPU time the whole JVM
 * (client, server, GC, JIT) used per request. On a shared machine the wall time mostly measures the other tenants;
 * the CPU time and the allocation ({@code -prof gc}) are what this process itself spent.
 *
 * <p>{@code jettyPaired} and {@code vertxPaired} send one bare and one guarded request per invocation (alternating
 * which goes first), so both see the same load, and report per iteration the median of the per-pair ratios
 * guarded / bare ({@link Pairs}): the ratio that survives a noisy machine best.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class AdapterOverhead {

    static final String KEY = "agk_bench_0123456789abcdefghijklmnopqrstuv";
    static final String BODY = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"messages\":[{\"role\":\"system\","
            + "\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":"
            + "\"What is the boiling point of water at sea level?\"}]}";
    static final byte[] ANSWER = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"100 degrees Celsius.\"}}],"
            + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":6,\"total_tokens\":36}}")
            .getBytes(StandardCharsets.UTF_8);

    /** {@code identity-prompt}: the identity and prompt stages; {@code none}: a guard without stages. */
    @Param({"identity-prompt", "none"})
    public String policy;

    private Guard guard;
    private Server jettyBare;
    private Server jettyGuarded;
    private Vertx vertx;
    private HttpServer vertxBare;
    private HttpServer vertxGuarded;
    private HttpClient client;
    private HttpRequest jettyBareRequest;
    private HttpRequest jettyGuardedRequest;
    private HttpRequest vertxBareRequest;
    private HttpRequest vertxGuardedRequest;

    static String policy() {
        return """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: identity
                    name: identity
                    budget: 5s
                    apiKeys:
                      owners:
                        - subject: bench
                          tier: free
                          keys:
                            - {id: bench-1, digest: "%s"}
                  - type: prompt
                    name: prompt
                    budget: 5s
                """.formatted(ApiKeyDigests.sha256(KEY));
    }

    @Setup
    public void start() throws Exception {
        String yaml = "none".equals(policy) ? "apiVersion: aiguard.dev/v1\nstages: []\n" : policy();
        guard = Guard.create(PolicyLoader.create().load("adapter-overhead.yaml", yaml).toGuardConfig());
        jettyBare = jetty(null);
        jettyGuarded = jetty(new AiGuardFilter(guard));
        vertx = Vertx.vertx();
        vertxBare = vertx(BodyHandler.create());
        vertxGuarded = vertx(AiGuardHandler.create(guard));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        jettyBareRequest = request(((ServerConnector) jettyBare.getConnectors()[0]).getLocalPort());
        jettyGuardedRequest = request(((ServerConnector) jettyGuarded.getConnectors()[0]).getLocalPort());
        vertxBareRequest = request(vertxBare.actualPort());
        vertxGuardedRequest = request(vertxGuarded.actualPort());
        for (HttpRequest r : new HttpRequest[] {jettyBareRequest, jettyGuardedRequest, vertxBareRequest,
            vertxGuardedRequest}) {
            HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("setup request to " + r.uri() + " answered "
                        + response.statusCode() + " " + response.body());
            }
        }
    }

    @TearDown
    public void stop() throws Exception {
        jettyBare.stop();
        jettyGuarded.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        guard.close();
    }

    /** CPU time of the whole process per request, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long start;
        private long ops;
        /** Reported: CPU microseconds the JVM spent per request in the iteration. */
        public double cpuMicrosPerOp;

        @Setup(Level.Iteration)
        public void begin() {
            ops = 0;
            start = os.getProcessCpuTime();
        }

        @TearDown(Level.Iteration)
        public void end() {
            cpuMicrosPerOp = ops == 0 ? 0 : (os.getProcessCpuTime() - start) / 1000.0 / ops;
        }

        void counted() {
            ops++;
        }
    }

    /** Per-pair times of one iteration; reports the medians and the median ratio guarded / bare. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Pairs {
        private static final int CAPACITY = 1 << 18;
        private final double[] ratios = new double[CAPACITY];
        private final long[] bare = new long[CAPACITY];
        private final long[] guarded = new long[CAPACITY];
        private int count;
        /** Reported: median over the iteration's pairs of guarded time / bare time. */
        public double medianRatio;
        /** Reported: median bare request time (µs). */
        public double medianBareMicros;
        /** Reported: median guarded request time (µs). */
        public double medianGuardedMicros;

        @Setup(Level.Iteration)
        public void begin() {
            count = 0;
        }

        @TearDown(Level.Iteration)
        public void end() {
            medianRatio = median(ratios, count);
            medianBareMicros = median(java.util.Arrays.stream(bare, 0, count).asDoubleStream().toArray(), count) / 1000;
            medianGuardedMicros =
                    median(java.util.Arrays.stream(guarded, 0, count).asDoubleStream().toArray(), count) / 1000;
        }

        void record(long bareNanos, long guardedNanos) {
            if (count < CAPACITY) {
                bare[count] = bareNanos;
                guarded[count] = guardedNanos;
                ratios[count] = (double) guardedNanos / bareNanos;
                count++;
            }
        }

        boolean guardedFirst() {
            return (count & 1) == 1;
        }

        private static double median(double[] values, int n) {
            if (n == 0) {
                return 0;
            }
            double[] sorted = java.util.Arrays.copyOf(values, n);
            java.util.Arrays.sort(sorted);
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    @Benchmark
    public int jettyPaired(Pairs pairs) throws Exception {
        return paired(jettyBareRequest, jettyGuardedRequest, pairs);
    }

    @Benchmark
    public int vertxPaired(Pairs pairs) throws Exception {
        return paired(vertxBareRequest, vertxGuardedRequest, pairs);
    }

    private int paired(HttpRequest bare, HttpRequest guarded, Pairs pairs) throws Exception {
        boolean guardedFirst = pairs.guardedFirst();
        long t0 = System.nanoTime();
        int a = sendOnce(guardedFirst ? guarded : bare);
        long t1 = System.nanoTime();
        int b = sendOnce(guardedFirst ? bare : guarded);
        long t2 = System.nanoTime();
        pairs.record(guardedFirst ? t2 - t1 : t1 - t0, guardedFirst ? t1 - t0 : t2 - t1);
        return a + b;
    }

    private int sendOnce(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() + response.body().length;
    }

    @Benchmark
    public int jettyBare(CpuTime cpu) throws Exception {
        return send(jettyBareRequest, cpu);
    }

    @Benchmark
    public int jettyWithFilter(CpuTime cpu) throws Exception {
        return send(jettyGuardedRequest, cpu);
    }

    @Benchmark
    public int vertxBare(CpuTime cpu) throws Exception {
        return send(vertxBareRequest, cpu);
    }

    @Benchmark
    public int vertxWithHandler(CpuTime cpu) throws Exception {
        return send(vertxGuardedRequest, cpu);
    }

    private int send(HttpRequest request, CpuTime cpu) throws IOException, InterruptedException {
        cpu.counted();
        return sendOnce(request);
    }

    private static HttpRequest request(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    /** Reads the whole request body, answers the JSON completion. */
    static final class ModelServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            resp.setContentType("application/json");
            resp.setContentLength(ANSWER.length);
            resp.getOutputStream().write(ANSWER);
        }
    }

    private static Server jetty(Filter filter) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        if (filter != null) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new ModelServlet()), "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    private HttpServer vertx(Handler<RoutingContext> bodyOrGuard) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(bodyOrGuard);
        router.post("/v1/chat/completions").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(ANSWER)));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
