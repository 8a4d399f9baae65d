package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.ResponseInfo.Outcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.ratelimit.RateLimitConfig;
import dev.aiguard.ratelimit.RateLimitConfig.Band;
import dev.aiguard.ratelimit.RateLimitConfig.Limit;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.ratelimit.RateLimitStageFactory;
import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis backend against a real redis-server: distributed accuracy, refunds, outage and recovery. */
class RedisBackendTest {

    private static final RateLimitConfig.Cost OUTPUT_ONLY = new RateLimitConfig.Cost(null, null,
            new RateLimitConfig.Price(0.0, 1.0), null, null);
    private static final long CAPACITY = 10_000;
    private static final long RESERVE = 100;

    private static RedisServer redis;
    private final List<RateLimitStage> stages = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.startOrSkip();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeStages() {
        stages.forEach(RateLimitStage::close);
    }

    /** A guard with its own Lettuce client; a fresh key prefix per test keeps tests apart. */
    private Harness guard(String prefix, boolean failOpen) {
        return guard(prefix, failOpen, Duration.ofMillis(50));
    }

    private Harness guard(String prefix, boolean failOpen, Duration timeout) {
        RateLimitConfig config = new RateLimitConfig("redis",
                new RateLimitConfig.Redis(redis.uri(), timeout, failOpen, prefix), OUTPUT_ONLY,
                List.of(new Limit("user", List.of("principal"), "cost",
                        List.of(new Band("day", CAPACITY, Duration.ofDays(1))), null)),
                null, null);
        RateLimitStage stage = RateLimitStages.create(config, Harness.context(), TimeMeter.SYSTEM_MILLISECONDS, 1,
                Harness.COUNTER);
        stages.add(stage);
        return new Harness(stage, ConfiguredStage.of("ratelimit", stage).withBudget(timeout.multipliedBy(5), false));
    }

    private static String prefix() {
        return "t:" + UUID.randomUUID() + ":";
    }

    /** Runs {@code perThread} requests on 32 threads of each guard; returns how many were admitted. */
    private static int hammer(List<Harness> guards, int perThread, Usage usage) throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32 * guards.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (Harness h : guards) {
            for (int t = 0; t < 32; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Verdict v = h.inspect(Harness.chat("alice", RESERVE));
                        if (v.allowed()) {
                            admitted.incrementAndGet();
                        }
                        h.complete(v, usage, Outcome.COMPLETED);
                    }
                    return null;
                }));
            }
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return admitted.get();
    }

    @Test
    void fourGuardsNeverAdmitMoreThanTheBudgetPlusOneReservation() throws Exception {
        String prefix = prefix();
        // A generous timeout: 128 threads share 2 cores here, and this test is about accuracy, not latency.
        Duration timeout = Duration.ofSeconds(1);
        List<Harness> guards = List.of(guard(prefix, false, timeout), guard(prefix, false, timeout),
                guard(prefix, false, timeout), guard(prefix, false, timeout));

        // 4 x 32 threads x 2 = 256 requests of 100 against a budget of 10,000 (refill: ~0.1 unit/s).
        int admitted = hammer(guards, 2, new Usage(1, RESERVE));

        assertThat(admitted * RESERVE).isLessThanOrEqualTo(CAPACITY + RESERVE);
        // Contention must not starve the budget either: it is (nearly) all spent.
        assertThat(admitted * RESERVE).isGreaterThanOrEqualTo(CAPACITY - 2 * RESERVE);
    }

    @Test
    void unusedReservationsComeBackAcrossGuards() throws Exception {
        String prefix = prefix();
        // A generous timeout: 128 threads share 2 cores here, and this test is about accuracy, not latency.
        Duration timeout = Duration.ofSeconds(1);
        List<Harness> guards = List.of(guard(prefix, false, timeout), guard(prefix, false, timeout),
                guard(prefix, false, timeout), guard(prefix, false, timeout));

        // Each request reserves 100 and uses 10.
        int admitted = hammer(guards, 2, new Usage(1, 10));

        // 128 threads may hold 12,800 in reservations at once, more than the budget: a few early requests may be
        // refused (at no cost); once reservations are settled the budget reflects only what was used.
        assertThat(admitted).isGreaterThanOrEqualTo(4 * 32);
        RedisBucketStore store = new RedisBucketStore(new RedisLink(new RateLimitConfig.Redis(redis.uri(), null, null, prefix)), prefix, true);
        try {
            CompiledLimit limit = CompiledLimit.of(new Limit("user", List.of("principal"), "cost",
                    List.of(new Band("day", CAPACITY, Duration.ofDays(1))), null));
            long available = store.bucket("user|5:alice", limit.standard(), 1).getAvailableTokens();
            assertThat(available).isBetween(CAPACITY - 10L * admitted, CAPACITY - 10L * admitted + 5);
        } finally {
            store.close();
        }
    }

    @Test
    void outageGivesTheConfiguredBehaviourWithinTheStageBudgetAndRecovers() throws Exception {
        String prefix = prefix();
        Harness closed = guard(prefix, false);
        Harness open = guard(prefix, true);
        assertThat(closed.run(Harness.chat("alice", RESERVE), new Usage(1, RESERVE)).allowed()).isTrue();
        assertThat(open.run(Harness.chat("alice", RESERVE), new Usage(1, RESERVE)).allowed()).isTrue();

        redis.stop();
        try {
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Verdict refused = closed.inspect(Harness.chat("alice", RESERVE));
                Verdict admitted = open.inspect(Harness.chat("alice", RESERVE));
                long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
                closed.complete(refused, Usage.unknown(), Outcome.FAILED);
                open.complete(admitted, new Usage(1, RESERVE), Outcome.COMPLETED);

                assertThat(refused.httpStatus()).isEqualTo(503);
                assertThat(refused.reason()).isEqualTo("ratelimit.backend_unavailable");
                assertThat(admitted.allowed()).isTrue();
                assertThat(elapsedMillis).isLessThan(2 * 250);
            }
        } finally {
            redis.start();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Verdict v = closed.inspect(Harness.chat("alice", RESERVE));
        while (v.blocked() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            v = closed.inspect(Harness.chat("alice", RESERVE));
        }
        assertThat(v.allowed()).as("fail-closed guard admits again once Redis is back").isTrue();
        // The restarted server is empty: budgets start full again (10,000 - 100), and are enforced.
        assertThat(closed.inspect(Harness.chat("alice", 4096)).allowed()).isTrue();
        assertThat(closed.inspect(Harness.chat("alice", 4096)).allowed()).isTrue();
        assertThat(closed.inspect(Harness.chat("alice", 4096)).httpStatus()).isEqualTo(429);
    }

    @Test
    void slowRedisGivesTheConfiguredBehaviourInsteadOfStallingTheRequest() throws Exception {
        String prefix = prefix();
        Harness closed = guard(prefix, false);
        Harness open = guard(prefix, true);
        assertThat(closed.run(Harness.chat("alice", RESERVE), new Usage(1, RESERVE)).allowed()).isTrue();

        // DEBUG SLEEP blocks the whole server: every command waits, like a Redis stalled by a slow script or fork.
        java.util.concurrent.CompletableFuture<Void> sleeper =
                java.util.concurrent.CompletableFuture.runAsync(() -> redisCommand("DEBUG", "SLEEP", "2"));
        try {
            Thread.sleep(200);
            Verdict refused = closed.inspect(Harness.chat("alice", RESERVE));
            Verdict admitted = open.inspect(Harness.chat("alice", RESERVE));
            closed.complete(refused, Usage.unknown(), Outcome.FAILED);
            open.complete(admitted, new Usage(1, RESERVE), Outcome.COMPLETED);

            // A stage that overran its budget would show as aiguard.stage.error instead: the command timeout held.
            assertThat(refused.httpStatus()).isEqualTo(503);
            assertThat(refused.reason()).isEqualTo("ratelimit.backend_unavailable");
            assertThat(admitted.allowed()).isTrue();
        } finally {
            sleeper.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Verdict v = closed.inspect(Harness.chat("alice", RESERVE));
        while (v.blocked() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            v = closed.inspect(Harness.chat("alice", RESERVE));
        }
        assertThat(v.allowed()).as("admits again once Redis answers").isTrue();
    }

    /** Sends one command over a plain socket (RESP) and waits for the reply; for server-side fault injection. */
    private static void redisCommand(String... args) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(redis.uri()).getPort())) {
            StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                resp.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
            }
            socket.getOutputStream().write(resp.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            if (first != '+') {
                throw new IllegalStateException("redis refused " + String.join(" ", args));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String redisPolicy(String prefix, long perHour) {
        return """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: ratelimit
                    backend: redis
                    redis: { uri: "%s", timeout: 200ms, keyPrefix: "%s" }
                    limits:
                      - name: calls
                        unit: requests
                        bandwidths: [ { capacity: %d, period: 1h } ]
                """.formatted(redis.uri(), prefix, perHour);
    }

    @Test
    void reloadSharesTheConnectionAndAppliesNewBandwidthsKeepingWhatWasSpent() throws Exception {
        String prefix = prefix();
        PolicyLoader loader = PolicyLoader.builder().stageFactory(new RateLimitStageFactory()).build();
        long clientsBefore = clients();
        try (Guard guard = Guard.create(loader.load("p.yaml", redisPolicy(prefix, 1)).toGuardConfig())) {
            GuardRequest request = Harness.chat("alice", 10);
            assertThat(guard.inspect(request).allowed()).isTrue();
            assertThat(guard.inspect(request).httpStatus()).isEqualTo(429);

            Thread.sleep(5); // the configuration version is the load time in milliseconds
            guard.update(loader.load("p.yaml", redisPolicy(prefix, 3)).toGuardConfig());

            // 3 per hour, 1 already spent: two more.
            Verdict first = guard.inspect(request);
            assertThat(first.allowed()).as(first.reason()).isTrue();
            assertThat(guard.inspect(request).allowed()).isTrue();
            assertThat(guard.inspect(request).httpStatus()).isEqualTo(429);
            assertThat(clients() - clientsBefore).isEqualTo(1);
        }
    }

    /** Clients connected to the server, not counting the one asking. */
    private static long clients() {
        RedisClient client = RedisClient.create(redis.uri());
        try (var conn = client.connect()) {
            return conn.sync().clientList().lines().filter(l -> !l.isBlank()).count() - 1;
        } finally {
            client.shutdown();
        }
    }
}
