package dev.aiguard.api.policy;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/policies/default.yaml} must stay valid. The stage types it names ({@code crs}, {@code prompt}) and
 * its sinks ({@code slf4j}, {@code file}) come from other modules, so stand-ins that accept any keys are used here;
 * the modules that provide the real factories load the file again with them.
 */
class ExamplePolicyTest {

    private final LenientFactories.AnyStage crs = new LenientFactories.AnyStage("crs");
    private final LenientFactories.AnyStage prompt = new LenientFactories.AnyStage("prompt");
    private final LenientFactories.AnySink slf4j = new LenientFactories.AnySink("slf4j");
    private final LenientFactories.AnySink file = new LenientFactories.AnySink("file");
    private final PolicyLoader loader = PolicyLoader.builder()
            .classLoader(new ClassLoader(null) {
            })
            .stageFactory(crs).stageFactory(prompt).sinkFactory(slf4j).sinkFactory(file)
            .environment(Map.of())
            .build();

    static Path example(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve("policies").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/policies/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void defaultPolicyLoadsAndBuildsWithItsDocumentedSettings() throws Exception {
        Path path = example("default.yaml");
        assertThat(loader.check(path)).isEmpty();

        Policy policy = loader.load(path);
        GuardConfig config = policy.toGuardConfig();

        assertThat(config.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(config.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(config.events().logPrompts()).isFalse();
        assertThat(config.stages()).extracting(ConfiguredStage::name).containsExactly("waf", "prompt-injection");
        ConfiguredStage waf = config.stages().get(0);
        assertThat(waf.budget()).isEqualTo(Duration.ofSeconds(2));
        assertThat(waf.failOpen()).isFalse();
        assertThat(waf.ruleModes()).containsEntry("920350", Mode.MONITOR);
        ConfiguredStage promptStage = config.stages().get(1);
        assertThat(promptStage.mode()).isEqualTo(Mode.MONITOR);
        assertThat(promptStage.failOpen()).isTrue();
        assertThat(config.sinks()).hasSize(2);
        assertThat(file.configs()).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("path", "aiguard-events.jsonl"));
    }
}
