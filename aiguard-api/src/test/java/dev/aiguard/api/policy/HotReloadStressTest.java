package dev.aiguard.api.policy;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.PolicyWatcher;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot reload under load: 8 threads run 10,000 inspections each while the policy file is rewritten 50 times (valid
 * versions with a few invalid edits mixed in). Every request must run all its stages, inspect and complete, on one
 * policy: each stamp stage reports the version it was built for, which must equal the exchange's.
 */
class HotReloadStressTest {

    private static final int THREADS = 8;
    private static final int INSPECTIONS = 10_000;
    private static final int REWRITES = 50;

    private final MemorySinkFactory sinks = new MemorySinkFactory();
    private final PolicyLoader loader = TestLoaders.isolated(Map.of("SECRET", "hunter2-secret"), sinks);

    /**
     * Valid policy number {@code n}: the number of stamp stages varies, so a mixed request would show. Budgets are
     * generous: on a loaded machine a GC pause must not turn into a fail-closed overrun, which is not under test here.
     */
    static String valid(int n) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: aiguard.dev/v1
                mode: enforce
                events: { sinks: [ { type: memory } ] }
                stages:
                """);
        int stages = 2 + n % 3;
        for (int s = 0; s < stages; s++) {
            yaml.append("  - { type: stamp, name: s").append(s).append(", budget: 1m, label: \"v").append(n)
                    .append(" ${SECRET}\" }\n");
        }
        yaml.append("  - { type: limits, budget: 1m, limits: [ { key: ip, tokens: ").append(100 + n).append(" } ] }\n");
        return yaml.toString();
    }

    /** Invalid edits: a bad value, broken YAML, a factory's validate() refusal. */
    static String invalid(int n) {
        return switch (n % 3) {
            case 0 -> valid(n).replace("mode: enforce", "mode: sometimes");
            case 1 -> valid(n).replace("stages:", "stages: [");
            default -> valid(n).replace("tokens: " + (100 + n), "tokens: 0");
        };
    }

    static boolean isInvalid(int i) {
        return i % 7 == 3;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyRequestSeesExactlyOnePolicyWhileThePolicyIsRewrittenFiftyTimes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        PolicyFiles.replace(file, valid(0));
        Guard guard = Guard.create(loader.load(file).toGuardConfig());
        Set<String> validVersions = ConcurrentHashMap.newKeySet();
        validVersions.add(guard.policyVersion());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try (PolicyWatcher watcher = PolicyWatcher.builder(loader, file, guard).debounce(Duration.ofMillis(5)).start()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> inspectMany(guard, start, seen, problems)));
            }
            start.countDown();
            String lastGood = guard.policyVersion();
            int invalidEdits = 0;
            for (int i = 1; i <= REWRITES; i++) {
                if (isInvalid(i)) {
                    PolicyFiles.replace(file, invalid(i));
                    assertThat(watcher.reload()).as("errors of invalid edit %d", i).isNotEmpty();
                    assertThat(guard.policyVersion()).as("version after invalid edit %d", i).isEqualTo(lastGood);
                    invalidEdits++;
                } else {
                    String yaml = valid(i);
                    lastGood = loader.load("expected.yaml", yaml).version();
                    validVersions.add(lastGood);
                    PolicyFiles.replace(file, yaml);
                    assertThat(watcher.reload()).as("errors of valid edit %d", i).isEmpty();
                    assertThat(guard.policyVersion()).isEqualTo(lastGood);
                }
                Thread.sleep(3);
            }
            for (Future<?> w : workers) {
                w.get(50, TimeUnit.SECONDS);
            }
            PolicyFiles.replace(file, invalid(REWRITES + 1));
            watcher.reload();

            assertThat(problems).isEmpty();
            assertThat(guard.policyVersion()).as("last good policy kept").isEqualTo(lastGood);
            assertThat(validVersions).containsAll(seen);
            assertThat(seen).as("versions requests ran with").hasSizeGreaterThan(1);
            assertThat(sinks.events(EventType.POLICY_REJECTED)).hasSizeGreaterThanOrEqualTo(invalidEdits + 1);
            assertThat(sinks.events(EventType.STAGE_FAILURE)).isEmpty();
            assertThat(sinks.events().toString()).doesNotContain("hunter2-secret");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void inspectMany(Guard guard, CountDownLatch start, Set<String> seen, Queue<String> problems) {
        try {
            start.await();
            GuardRequest request = GuardRequest.builder().method("POST").path("/v1/chat/completions").build();
            String lastVersion = null;
            for (int i = 0; i < INSPECTIONS; i++) {
                Verdict verdict = guard.inspect(request);
                String version = verdict.exchange().policyVersion();
                List<Finding> stamps = verdict.findings().stream()
                        .filter(f -> f.ruleId().equals(StampStageFactory.RULE)).toList();
                int expectedStamps = stampCount(verdict);
                if (!verdict.allowed() || stamps.size() != expectedStamps || stamps.size() < 2
                        || stamps.stream().anyMatch(f -> !f.message().equals(version))) {
                    problems.add("request " + i + " on " + version + ": " + verdict + " " + stamps);
                }
                guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));
                if (!version.equals(lastVersion)) {
                    seen.add(version);
                    lastVersion = version;
                }
            }
        } catch (Throwable e) {
            problems.add("exception: " + e);
        }
    }

    /** The number of stamp stages of the configuration the request ran on, from its stage names. */
    private static int stampCount(Verdict verdict) {
        return (int) verdict.findings().stream().map(Finding::stage).filter(s -> s.startsWith("s")).distinct().count();
    }
}
