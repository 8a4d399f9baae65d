package dev.aiguard.api.policy;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.PolicyWatcher;
import dev.aiguard.api.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyWatcherTest {

    private static final Map<String, String> ENV = Map.of("API_TOKEN", "tok-very-secret");

    private final MemorySinkFactory sinks = new MemorySinkFactory();
    private final PolicyLoader loader = TestLoaders.isolated(ENV, sinks);
    private final List<PolicyWatcher> watchers = new ArrayList<>();

    @TempDir
    Path dir;
    private Path file;
    private Guard guard;

    static String policy(String label) {
        return """
                apiVersion: aiguard.dev/v1
                events: { sinks: [ { type: memory } ] }
                stages:
                  - type: stamp
                    label: "%s ${API_TOKEN}"
                """.formatted(label);
    }

    @BeforeEach
    void startGuard() throws Exception {
        file = dir.resolve("policy.yaml");
        PolicyFiles.replace(file, policy("one"));
        guard = Guard.create(loader.load(file).toGuardConfig());
    }

    @AfterEach
    void stopWatchers() {
        watchers.forEach(PolicyWatcher::close);
    }

    private PolicyWatcher watcher(PolicyWatcher.Builder builder) {
        PolicyWatcher w = builder.start();
        watchers.add(w);
        return w;
    }

    private String versionOf(String yaml) throws Exception {
        return loader.load("x.yaml", yaml).version();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aChangedFileIsSwappedInThroughTheWatchService() throws Exception {
        watcher(PolicyWatcher.builder(loader, file, guard).debounce(Duration.ofMillis(50)).pollInterval(Duration.ofHours(1)));
        String expected = versionOf(policy("two"));

        PolicyFiles.replace(file, policy("two"));

        assertThat(eventually(() -> guard.policyVersion().equals(expected))).isTrue();
        assertThat(sinks.events(EventType.POLICY_LOADED)).isNotEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("aiguard-policy-watcher"))
                .isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void pollingAloneNoticesAChange() throws Exception {
        watcher(PolicyWatcher.builder(loader, file, guard).useWatchService(false).pollInterval(Duration.ofMillis(50)));
        String expected = versionOf(policy("polled, and longer"));

        PolicyFiles.replace(file, policy("polled, and longer"));

        assertThat(eventually(() -> guard.policyVersion().equals(expected))).isTrue();
    }

    @Test
    void aWatchedDirectoryReloadsWhenAnyPolicyFileChanges() throws Exception {
        PolicyWatcher w = watcher(PolicyWatcher.builder(loader, dir, guard).debounce(Duration.ofMillis(50))
                .pollInterval(Duration.ofHours(1)));
        String merged = """
                apiVersion: aiguard.dev/v1
                mode: monitor
                """;
        String expected = loader.load("x.yaml", policy("one") + "mode: monitor\n").version();

        PolicyFiles.replace(dir.resolve("50-mode.yml"), merged);

        assertThat(eventually(() -> guard.policyVersion().equals(expected))).isTrue();
        assertThat(w.lastErrors()).isEmpty();
    }

    @Test
    void aBadEditKeepsTheLastGoodPolicyAndPublishesTheErrorsWithoutSecrets() throws Exception {
        PolicyWatcher w = watcher(PolicyWatcher.builder(loader, file, guard).pollInterval(Duration.ofHours(1)));
        GuardConfig good = guard.config();

        PolicyFiles.replace(file, policy("${API_TOKEN}") + "    bugdet: 5ms\n");
        List<PolicyError> errors = w.reload();

        assertThat(errors).extracting(PolicyError::toString)
                .containsExactly(file + ":6:5: stages[0].bugdet: unknown key 'bugdet' (did you mean 'budget'?)");
        assertThat(guard.config()).isSameAs(good);
        assertThat(w.lastErrors()).isEqualTo(errors);
        List<SecurityEvent> rejected = sinks.events(EventType.POLICY_REJECTED);
        assertThat(rejected).isNotEmpty();
        assertThat(rejected.get(0).policyVersion()).isEqualTo(good.version());
        assertThat(rejected.get(0).message()).contains("stages[0].bugdet: unknown key 'bugdet'")
                .doesNotContain("tok-very-secret");
    }

    @Test
    void aStageThatFailsToBuildIsRejectedLikeABadEdit() throws Exception {
        PolicyWatcher w = watcher(PolicyWatcher.builder(loader, file, guard).pollInterval(Duration.ofHours(1)));
        GuardConfig good = guard.config();

        PolicyFiles.replace(file, policy("one") + "    failOnCreate: true\n");

        assertThat(w.reload()).extracting(PolicyError::message)
                .containsExactly("cannot create stage 'stamp': refusing to start");
        assertThat(guard.config()).isSameAs(good);
    }

    @Test
    void reloadingAnUnchangedPolicyKeepsTheRunningConfiguration() throws Exception {
        PolicyWatcher w = watcher(PolicyWatcher.builder(loader, file, guard).pollInterval(Duration.ofHours(1)));
        GuardConfig running = guard.config();

        assertThat(w.reload()).isEmpty();
        assertThat(guard.config()).isSameAs(running);
        assertThat(sinks.events(EventType.POLICY_LOADED)).isEmpty();
    }

    @Test
    void aRecoveredEditClearsTheErrors() throws Exception {
        PolicyWatcher w = watcher(PolicyWatcher.builder(loader, file, guard).pollInterval(Duration.ofHours(1)));
        PolicyFiles.replace(file, "apiVersion: aiguard.dev/v1\nmode: [");
        assertThat(w.reload()).isNotEmpty();

        PolicyFiles.replace(file, policy("fixed"));

        assertThat(w.reload()).isEmpty();
        assertThat(w.lastErrors()).isEmpty();
        assertThat(guard.policyVersion()).isEqualTo(versionOf(policy("fixed")));
    }

    @Test
    void aReloadKeepsSinksWhoseConfigurationIsUnchangedAndClosesTheOthers() throws Exception {
        TrackedSinkFactory tracked = new TrackedSinkFactory();
        PolicyLoader withTracked = PolicyLoader.builder().classLoader(new ClassLoader(null) {
                }).stageFactory(new StampStageFactory()).sinkFactory(tracked).environment(ENV).build();
        String template = """
                apiVersion: aiguard.dev/v1
                events: { sinks: [ { type: tracked, file: a.jsonl }, { type: tracked, file: %s } ] }
                stages: [ { type: stamp, label: %s } ]
                """;
        PolicyFiles.replace(file, template.formatted("b.jsonl", "one"));
        Guard trackedGuard = Guard.create(withTracked.load(file).toGuardConfig());
        PolicyWatcher w = watcher(PolicyWatcher.builder(withTracked, file, trackedGuard).pollInterval(Duration.ofHours(1)));
        TrackedSinkFactory.Tracked a = tracked.created.get(0);
        TrackedSinkFactory.Tracked b = tracked.created.get(1);

        PolicyFiles.replace(file, template.formatted("c.jsonl", "two"));
        assertThat(w.reload()).isEmpty();

        assertThat(trackedGuard.config().sinks()).hasSize(2).first().isSameAs(a);
        assertThat(a.closed).isFalse();
        assertThat(b.closed).isTrue();
        assertThat(tracked.created).hasSize(3);
        assertThat(tracked.created.get(2).config.file()).isEqualTo("c.jsonl");
    }

    @Test
    void aClosedWatcherNoLongerReloads() throws Exception {
        PolicyWatcher w = watcher(PolicyWatcher.builder(loader, file, guard).useWatchService(false)
                .pollInterval(Duration.ofMillis(20)));
        String before = guard.policyVersion();
        w.close();

        PolicyFiles.replace(file, policy("after close, much longer"));
        Thread.sleep(200);

        assertThat(guard.policyVersion()).isEqualTo(before);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("aiguard-policy-watcher"));
    }
}
