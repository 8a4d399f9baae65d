package dev.aiguard.vertx;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler never blocks the event loop with a large inspection. Vert.x's blocked-thread checker runs every 10 ms
 * with a 200 ms event-loop limit, and every report it makes is recorded: a slow inspection of a large body must not
 * produce one, and the control test shows that the same inspection on the event loop does.
 */
class EventLoopTest {

    private static final Duration SLOW = Duration.ofMillis(800);

    private Vertx vertx;
    private final List<BlockedThreadEvent> blocked = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Where each inspection ran; sleeps like an expensive WAF scan when the body is large. */
    private static final class ThreadRecordingStage implements Stage {
        final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        final BlockingQueue<Boolean> onEventLoop = new LinkedBlockingQueue<>();

        @Override
        public StageOutcome inspect(Exchange exchange) throws InterruptedException {
            threads.add(Thread.currentThread());
            onEventLoop.add(Context.isOnEventLoopThread());
            if (exchange.request().body().length > 1000) {
                Thread.sleep(SLOW.toMillis());
            }
            return StageOutcome.pass();
        }
    }

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx(new VertxOptions()
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(blocked::add);
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Guard guard(Stage stage) {
        return Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("slow", stage).withBudget(Duration.ofSeconds(10), false)).build());
    }

    private static Consumer<Router> echo() {
        return router -> router.route("/*").handler(ctx -> ctx.response().end(
                ctx.body().buffer() == null ? "" : ctx.body().asString()));
    }

    /**
     * One small request first: the first request on a fresh server loads classes on the event loop, which on a busy
     * machine can take longer than the limit; only what comes after is checked.
     */
    private void warmUp(VertxServer server, ThreadRecordingStage stage) throws Exception {
        post(server, "{}");
        stage.threads.clear();
        stage.onEventLoop.clear();
        blocked.clear();
    }

    private HttpResponse<String> post(VertxServer server, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void largeBodyIsInspectedOnAWorkerAndTheEventLoopIsNeverBlocked() throws Exception {
        ThreadRecordingStage stage = new ThreadRecordingStage();
        AiGuardHandler handler = AiGuardHandler.builder(guard(stage)).workerThreshold(1024).build();
        String body = "w".repeat(4096);
        try (VertxServer server = VertxServer.start(vertx, handler, echo())) {
            warmUp(server, stage);
            assertThat(post(server, body).body()).isEqualTo(body);

            assertThat(stage.onEventLoop.poll(5, TimeUnit.SECONDS)).isFalse();
            assertThat(stage.threads.poll(5, TimeUnit.SECONDS).getName()).startsWith("vert.x-worker-thread");
            assertThat(blocked).isEmpty();
        }
    }

    @Test
    void smallBodyIsInspectedInlineOnTheEventLoop() throws Exception {
        ThreadRecordingStage stage = new ThreadRecordingStage();
        AiGuardHandler handler = AiGuardHandler.builder(guard(stage)).workerThreshold(1024).build();
        try (VertxServer server = VertxServer.start(vertx, handler, echo())) {
            warmUp(server, stage);
            assertThat(post(server, "{\"small\":true}").body()).isEqualTo("{\"small\":true}");

            assertThat(stage.onEventLoop.poll(5, TimeUnit.SECONDS)).isTrue();
            assertThat(blocked).isEmpty();
        }
    }

    @Test
    void thresholdZeroSendsEveryRequestToTheGivenWorkerPool() throws Exception {
        ThreadRecordingStage stage = new ThreadRecordingStage();
        WorkerExecutor pool = vertx.createSharedWorkerExecutor("aiguard-inspect", 2);
        AiGuardHandler handler = AiGuardHandler.builder(guard(stage)).workerThreshold(0).workerExecutor(pool).build();
        try (VertxServer server = VertxServer.start(vertx, handler, echo())) {
            client.send(HttpRequest.newBuilder(server.uri("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(stage.onEventLoop.poll(5, TimeUnit.SECONDS)).isFalse();
            assertThat(stage.threads.poll(5, TimeUnit.SECONDS).getName()).startsWith("aiguard-inspect");
        } finally {
            pool.close();
        }
    }

    @Test
    void theCheckerReportsTheSameInspectionRunOnTheEventLoop() throws Exception {
        // Control: with the threshold out of reach the slow inspection runs inline, and the checker must see it.
        ThreadRecordingStage stage = new ThreadRecordingStage();
        AiGuardHandler handler = AiGuardHandler.builder(guard(stage)).workerThreshold(Integer.MAX_VALUE).build();
        try (VertxServer server = VertxServer.start(vertx, handler, echo())) {
            post(server, "w".repeat(4096));

            assertThat(stage.onEventLoop.poll(5, TimeUnit.SECONDS)).isTrue();
            assertThat(blocked).isNotEmpty();
            assertThat(blocked.get(0).thread().getName()).startsWith("vert.x-eventloop-thread");
        }
    }
}
