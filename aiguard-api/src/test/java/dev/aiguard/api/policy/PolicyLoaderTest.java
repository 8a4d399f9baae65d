package dev.aiguard.api.policy;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventOptions;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyLoaderTest {

    private static final String FULL = """
            apiVersion: aiguard.dev/v1
            mode: monitor
            request: { maxBodyBytes: 4096 }
            events:
              sampleAllowed: 0.25
              excerptLength: 32
              logPrompts: true
              sinks: [ { type: memory, label: audit } ]
            stages:
              - type: stamp
                name: first
                mode: enforce
                budget: 250us
                failOpen: true
                rules: { "942100": off, prompt.injection: monitor }
                label: hello
              - type: limits
                window: 1m
                limits:
                  - { key: ip, tokens: 100, per: 2s }
                weights: { gpt-4: 3 }
                backend: { url: "redis://${REDIS_HOST:-localhost}:6379", password: "${REDIS_PASSWORD}" }
            """;

    private final MemorySinkFactory sinks = new MemorySinkFactory();
    private final PolicyLoader loader = TestLoaders.isolated(
            Map.of("REDIS_PASSWORD", "s3cr3t-pa55word", "EMPTY", ""), sinks);

    @Test
    void everyKeyIsBoundToTheModelWithItsType() throws Exception {
        Policy policy = loader.load("policy.yaml", FULL);

        assertThat(policy.mode()).isEqualTo(Mode.MONITOR);
        assertThat(policy.maxBodyBytes()).isEqualTo(4096);
        assertThat(policy.events()).isEqualTo(new EventOptions(0.25, 32, true));
        assertThat(policy.stages()).hasSize(2);
        Policy.StageSpec first = policy.stages().get(0);
        assertThat(first.name()).isEqualTo("first");
        assertThat(first.type()).isEqualTo("stamp");
        assertThat(first.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(first.budget()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(first.failOpen()).isTrue();
        assertThat(first.rules()).containsExactlyInAnyOrderEntriesOf(
                Map.of("942100", Mode.OFF, "prompt.injection", Mode.MONITOR));
        assertThat(first.config()).isEqualTo(new StampStageFactory.Config("hello", false));
        Policy.StageSpec second = policy.stages().get(1);
        assertThat(second.name()).isEqualTo("limits");
        assertThat(second.mode()).isNull();
        assertThat(second.budget()).isEqualTo(ConfiguredStage.DEFAULT_BUDGET);
        assertThat(second.failOpen()).isFalse();
        assertThat(second.config()).isEqualTo(new LimitsStageFactory.Config(
                List.of(new LimitsStageFactory.Limit("ip", 100, Duration.ofSeconds(2))), Duration.ofMinutes(1),
                Map.of("gpt-4", 3), new LimitsStageFactory.Backend("redis://localhost:6379", "s3cr3t-pa55word"), null));
    }

    @Test
    void missingSectionsTakeTheDocumentedDefaults() throws Exception {
        Policy policy = loader.load("policy.yaml", "apiVersion: aiguard.dev/v1\n");

        assertThat(policy.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(policy.maxBodyBytes()).isEqualTo(GuardRequest.DEFAULT_MAX_BODY_BYTES);
        assertThat(policy.events()).isEqualTo(EventOptions.DEFAULTS);
        assertThat(policy.stages()).isEmpty();
    }

    @Test
    void guardConfigCarriesStagesBuiltByTheirFactoriesWithThePolicyVersion() throws Exception {
        Policy policy = loader.load("policy.yaml", FULL);
        GuardConfig config = policy.toGuardConfig();

        assertThat(config.version()).isEqualTo(policy.version());
        assertThat(config.mode()).isEqualTo(Mode.MONITOR);
        assertThat(config.maxBodyBytes()).isEqualTo(4096);
        assertThat(config.stages()).extracting(ConfiguredStage::name).containsExactly("first", "limits");
        assertThat(config.stages().get(0).ruleModes()).containsEntry("942100", Mode.OFF);
        assertThat(config.sinks()).hasSize(1);

        Verdict verdict = Guard.create(config).inspect(GuardRequest.builder().path("/v1/chat").build());
        // Only the stamp finding is asserted: on a loaded machine the 250us budget may also yield an overrun finding.
        assertThat(verdict.findings()).filteredOn(f -> f.ruleId().equals(StampStageFactory.RULE)).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo(policy.version()))
                .satisfies(f -> assertThat(f.stage()).isEqualTo("first"));
    }

    @Test
    void factoryThatFailsToCreateIsReportedAtItsStage() throws Exception {
        Policy policy = loader.load("policy.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: limits
                  - type: stamp
                    failOnCreate: true
                """);

        assertThatThrownBy(policy::toGuardConfig).isInstanceOfSatisfying(PolicyException.class, e ->
                assertThat(e.errors()).extracting(PolicyError::toString).containsExactly(
                        "policy.yaml:4:5: stages[1]: cannot create stage 'stamp': refusing to start"));
    }

    @Test
    void environmentReferencesAreSubstitutedWithDefaultsAndEscapes() throws Exception {
        Policy policy = loader.load("policy.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: stamp
                    label: "${REDIS_PASSWORD}|${UNSET:-fallback}|${EMPTY:-was empty}|$${LITERAL}|${EMPTY}"
                """);

        assertThat(((StampStageFactory.Config) policy.stages().get(0).config()).label())
                .isEqualTo("s3cr3t-pa55word|fallback|was empty|${LITERAL}|");
    }

    @Test
    void substitutedTextIsParsedAsTheTypeTheKeyExpects() throws Exception {
        PolicyLoader withLimit = TestLoaders.isolated(Map.of("BODY_LIMIT", "2_048", "OPEN", "true", "BUDGET", "75ms"));
        Policy policy = withLimit.load("policy.yaml", """
                apiVersion: aiguard.dev/v1
                request: { maxBodyBytes: "${BODY_LIMIT:-1048576}" }
                stages: [ { type: stamp, failOpen: "${OPEN}", budget: "${BUDGET}" } ]
                """);

        assertThat(policy.maxBodyBytes()).isEqualTo(2048);
        assertThat(policy.stages().get(0).failOpen()).isTrue();
        assertThat(policy.stages().get(0).budget()).isEqualTo(Duration.ofMillis(75));
    }

    @Test
    void yamlOneOneBooleanWordsAreNotBooleans() {
        assertThat(loader.check("policy.yaml", "apiVersion: aiguard.dev/v1\nevents: { logPrompts: yes }\n"))
                .extracting(PolicyError::toString)
                .containsExactly("policy.yaml:2:23: events.logPrompts: expected true or false");
    }

    @Test
    void substitutedValuesNeverAppearInErrorMessages() {
        List<PolicyError> errors = loader.check("policy.yaml", """
                apiVersion: aiguard.dev/v1
                mode: ${REDIS_PASSWORD}
                stages:
                  - type: ${REDIS_PASSWORD}
                """);

        assertThat(errors).extracting(PolicyError::toString).containsExactly(
                "policy.yaml:2:7: mode: expected one of enforce, monitor, off",
                "policy.yaml:4:11: stages[0].type: unknown stage type '${REDIS_PASSWORD}' (known: limits, stamp)");
        assertThat(errors.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void versionIsAStableDigestThatIgnoresLayoutAndHidesSecrets() throws Exception {
        String reformatted = FULL.replace("request: { maxBodyBytes: 4096 }", "request:\n  maxBodyBytes: 4096  # bytes")
                .replace("mode: monitor\n", "") + "mode: monitor\n";
        String first = loader.load("policy.yaml", FULL).version();

        assertThat(first).matches("[0-9a-f]{12}");
        assertThat(loader.load("other-name.yaml", FULL).version()).isEqualTo(first);
        assertThat(loader.load("policy.yaml", reformatted).version()).isEqualTo(first);
        assertThat(loader.load("policy.yaml", FULL.replace("tokens: 100", "tokens: 101")).version()).isNotEqualTo(first);
        PolicyLoader otherSecret = TestLoaders.isolated(Map.of("REDIS_PASSWORD", "another-secret"));
        assertThat(otherSecret.load("policy.yaml", FULL).version()).isNotEqualTo(first);
        assertThat(first).doesNotContain("s3cr3t");
    }

    @Test
    void factoriesAreDiscoveredWithServiceLoader() throws Exception {
        PolicyLoader discovering = PolicyLoader.builder().environment(Map.of()).build();

        assertThat(discovering.stageTypes()).contains("stamp", "limits");
        assertThat(discovering.sinkTypes()).contains("memory");
        GuardConfig config = discovering.load("policy.yaml", """
                apiVersion: aiguard.dev/v1
                events: { sinks: [ { type: memory } ] }
                stages: [ { type: stamp }, { type: limits } ]
                """).toGuardConfig();
        assertThat(config.stages()).extracting(ConfiguredStage::type).containsExactly("stamp", "limits");
    }

    @Test
    void checkBuildsNothing() {
        TrackedSinkFactory tracked = new TrackedSinkFactory();
        PolicyLoader withTracked = PolicyLoader.builder().classLoader(new ClassLoader(null) {
                }).sinkFactory(tracked).environment(Map.of()).build();

        assertThat(withTracked.check("policy.yaml", """
                apiVersion: aiguard.dev/v1
                events: { sinks: [ { type: tracked, file: events.jsonl } ] }
                """)).isEmpty();
        assertThat(tracked.created).isEmpty();
    }

    @Test
    void checkOfAFileNamesTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "apiVersion: aiguard.dev/v1\nmode: loud\n");

        assertThat(loader.check(file)).extracting(PolicyError::toString)
                .containsExactly(file + ":2:7: mode: expected one of enforce, monitor, off");
        assertThat(loader.check(dir.resolve("missing.yaml"))).extracting(PolicyError::toString)
                .containsExactly(dir.resolve("missing.yaml") + ":0:0: file not found");
    }

    @Test
    void oversizedAndNonUtf8FilesAreRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        PolicyLoader small = PolicyLoader.builder().environment(Map.of()).maxFileBytes(64).build();
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "apiVersion: aiguard.dev/v1\n" + "# padding\n".repeat(10));
        Path latin = dir.resolve("latin.yaml");
        Files.write(latin, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThat(small.check(big)).extracting(PolicyError::message).containsExactly("file is larger than 64 bytes");
        assertThat(loader.check(latin)).extracting(PolicyError::message).containsExactly("file is not valid UTF-8");
    }

    @Test
    void hostileValuesBecomeErrorsNotExceptions() {
        String longKey = "k".repeat(1_000);
        String yaml = "apiVersion: aiguard.dev/v1\n"
                + "events: { sampleAllowed: 1e99999999999 }\n"
                + "request: { maxBodyBytes: 1" + "0".repeat(200) + " }\n"
                + longKey + ": 1\n";

        assertThat(loader.check("policy.yaml", yaml)).extracting(PolicyError::message).containsExactly(
                "expected a number", "integer out of range", "unknown key '" + "k".repeat(64) + "...'");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsDoNotShiftPositions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("windows.yaml");
        Files.writeString(file, "\uFEFFmode: loud\r\napiVersion: aiguard.dev/v1\r\n");

        assertThat(loader.check(file)).extracting(PolicyError::toString)
                .containsExactly(file + ":1:7: mode: expected one of enforce, monitor, off");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "apiVersion: aiguard.dev/v1\nstages:\n  - type: stamp\n    label: " + "[".repeat(40) + "]".repeat(40) + "\n";

        assertThat(loader.check("policy.yaml", deep)).extracting(PolicyError::message)
                .containsExactly("nesting deeper than 32 levels");
    }

    @Test
    void sourcesListTheFileLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "apiVersion: aiguard.dev/v1\n");
        Policy policy = loader.load(file);

        assertThat(policy.sources()).containsExactly(file);
    }
}
