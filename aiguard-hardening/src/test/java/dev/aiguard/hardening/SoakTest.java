package dev.aiguard.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.cli.internal.RecordedRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak (profile {@code soak}): 8 threads replay the first 500 requests of the LLM workload through CRS + prompt detection + budgets with
 * in-flight slots for {@code aiguard.soak.minutes} (default 10). Heap after GC and RSS are sampled every 10 s into
 * {@code target/soak.csv}. Passes when heap after warm-up does not grow (last quarter within 20% or 32 MB of the
 * second quarter) and every in-flight slot is free at the end.
 */
@Tag("soak")
class SoakTest {

    private static final int THREADS = 8;
    private static final int SLOTS_PER_KEY = 8;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    /**
     * Distinct requests replayed in a loop. Few enough that even a slow run goes through them many times, so caches
     * keyed by content fill during warm-up and growth afterwards means a leak.
     */
    private static final int DISTINCT_REQUESTS = 500;

    @Test
    void heapStaysFlatAndNoInFlightSlotLeaks() throws Exception {
        String crs = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Path workload = Path.of(System.getProperty("aiguard.shared.dir", "../../shared"), "bench", "llm-workload.jsonl");
        Assumptions.assumeTrue(crs != null && Files.isDirectory(Path.of(crs, "rules")) && Files.isRegularFile(workload),
                "needs the CRS and ../shared/bench/llm-workload.jsonl");
        double minutes = Double.parseDouble(System.getProperty("aiguard.soak.minutes", "10"));
        List<GuardRequest> requests = load(workload);
        List<long[]> samples = new ArrayList<>();
        AtomicLong served = new AtomicLong();
        try (GuardUnderTest guard = GuardUnderTest.fromPolicy("soak.yaml", policy(crs))) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 61;
                workers.add(pool.submit(() -> replay(guard, requests, offset, stop, served)));
            }
            long end = System.nanoTime() + (long) (minutes * 60e9);
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                samples.add(sample(start, served.get()));
            }
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            writeCsv(samples);
            assertThat(guard.stageFailures()).as("stage failures").isEmpty();
            assertNoSlotLeft(guard);
        }
        assertHeapFlat(samples);
    }

    private static void replay(GuardUnderTest guard, List<GuardRequest> requests, int offset, AtomicBoolean stop,
                               AtomicLong served) {
        for (int i = offset; !stop.get(); i++) {
            GuardRequest request = requests.get(i % requests.size());
            Verdict verdict = guard.guard().inspect(request);
            // Every fourth request "fails" upstream, so completion is exercised on the error path too.
            ResponseInfo response = i % 4 == 0
                    ? new ResponseInfo(502, Headers.empty(), Usage.unknown(), ResponseInfo.Outcome.FAILED)
                    : ResponseInfo.of(verdict.allowed() ? 200 : verdict.httpStatus(), new Usage(100, 20));
            guard.guard().complete(verdict.exchange(), response);
            served.incrementAndGet();
        }
    }

    /** With every slot free, exactly {@link #SLOTS_PER_KEY} requests of one client can be held at once. */
    private static void assertNoSlotLeft(GuardUnderTest guard) {
        List<Verdict> held = new ArrayList<>();
        GuardRequest probe = GuardRequest.builder().method("GET").uri("/v1/models")
                .headers(Headers.of("Host", "api.example.com", "User-Agent", "soak/1.0", "Accept", "application/json"))
                .remoteAddress(new InetSocketAddress("198.51.100.1", 1)).build();
        for (int i = 0; i < SLOTS_PER_KEY; i++) {
            held.add(guard.guard().inspect(probe));
        }
        Verdict extra = guard.guard().inspect(probe);
        assertThat(held).allSatisfy(v -> assertThat(v.allowed()).as("held request: %s", v.reason()).isTrue());
        assertThat(extra.reason()).isEqualTo("inflight");
        held.forEach(v -> guard.guard().complete(v.exchange(), ResponseInfo.of(200, Usage.unknown())));
        guard.guard().complete(extra.exchange(), ResponseInfo.of(429, Usage.unknown()));
    }

    private static void assertHeapFlat(List<long[]> samples) {
        int n = samples.size();
        assertThat(n).as("samples").isGreaterThanOrEqualTo(8);
        double early = averageHeap(samples.subList(n / 4, n / 2));
        double late = averageHeap(samples.subList(3 * n / 4, n));
        assertThat(late).as("heap after GC, last quarter vs second quarter (bytes)")
                .isLessThanOrEqualTo(Math.max(early * 1.2, early + (32 << 20)));
    }

    private static double averageHeap(List<long[]> samples) {
        return samples.stream().mapToLong(s -> s[2]).average().orElse(0);
    }

    /** {elapsed ms, requests served, heap used after GC, RSS bytes}. */
    private static long[] sample(long start, long served) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new long[] {(System.nanoTime() - start) / 1_000_000, served, heap, rss()};
    }

    private static long rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        return -1;
    }

    private static void writeCsv(List<long[]> samples) throws IOException {
        StringBuilder csv = new StringBuilder("elapsed_ms,requests,heap_after_gc_bytes,rss_bytes\n");
        for (long[] s : samples) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d%n", s[0], s[1], s[2], s[3]));
        }
        Path out = Path.of("target", "soak.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, csv);
        System.out.print(csv);
    }

    private static List<GuardRequest> load(Path workload) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<GuardRequest> requests = new ArrayList<>();
        int client = 0;
        for (String line : Files.readAllLines(workload)) {
            if (requests.size() == DISTINCT_REQUESTS) {
                break;
            }
            if (!line.isBlank()) {
                GuardRequest recorded = RecordedRequest.fromJson(json.readTree(line)).toGuardRequest(1 << 20);
                // Spread the workload over 64 clients so budgets and slots are keyed like real traffic.
                requests.add(GuardRequest.builder().method(recorded.method()).path(recorded.path())
                        .rawQuery(recorded.rawQuery()).headers(recorded.headers()).body(recorded.body())
                        .remoteAddress(new InetSocketAddress("203.0.113." + (client++ % 64 + 1), 40000)).build());
            }
        }
        return requests;
    }

    private static String policy(String crs) {
        return """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    budget: 1m
                    directory: "%s"
                    paranoiaLevel: 1
                    engine: ${AIGUARD_REGEX_ENGINE:-auto}
                  - type: prompt
                    budget: 1m
                  - type: ratelimit
                    budget: 1m
                    limits:
                      - {name: tokens, key: [ip], unit: tokens, bandwidths: [{capacity: 2000000, period: 1m}]}
                    inFlight: {perKey: %d, global: 1024}
                """.formatted(crs.replace("\\", "/"), SLOTS_PER_KEY);
    }
}
