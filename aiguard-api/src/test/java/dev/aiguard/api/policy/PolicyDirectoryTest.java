package dev.aiguard.api.policy;

import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDirectoryTest {

    private final PolicyLoader loader = TestLoaders.isolated(Map.of());

    @TempDir
    Path dir;

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void filesMergeInFileNameOrderLaterScalarsWinAndMappingsMergeKeyByKey() throws Exception {
        write("20-overlay.yaml", """
                apiVersion: aiguard.dev/v1
                mode: monitor
                events: { excerptLength: 16 }
                """);
        write("10-base.yaml", """
                apiVersion: aiguard.dev/v1
                mode: enforce
                request: { maxBodyBytes: 2048 }
                events: { excerptLength: 128, sampleAllowed: 0.5 }
                """);
        Policy policy = loader.load(dir);

        assertThat(policy.sources()).containsExactly(dir.resolve("10-base.yaml"), dir.resolve("20-overlay.yaml"));
        assertThat(policy.mode()).isEqualTo(Mode.MONITOR);
        assertThat(policy.maxBodyBytes()).isEqualTo(2048);
        assertThat(policy.events().excerptLength()).isEqualTo(16);
        assertThat(policy.events().sampleAllowed()).isEqualTo(0.5);
    }

    @Test
    void aLaterStageWithTheSameNameReplacesTheEarlierInPlaceAndNewStagesAppend() throws Exception {
        write("10-base.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - { type: stamp, name: first, label: base }
                  - { type: limits, budget: 10ms }
                  - { type: stamp, name: last }
                """);
        write("20-overlay.yml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - { type: limits, budget: 20ms, mode: monitor }
                  - { type: stamp, name: extra }
                """);
        Policy policy = loader.load(dir);

        assertThat(policy.stages()).extracting(Policy.StageSpec::name).containsExactly("first", "limits", "last", "extra");
        Policy.StageSpec replaced = policy.stages().get(1);
        assertThat(replaced.budget()).isEqualTo(Duration.ofMillis(20));
        assertThat(replaced.mode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void errorsNameTheFileAndThePathWithinIt() throws Exception {
        write("10-base.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - { type: stamp, name: first }
                """);
        write("20-overlay.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: limits
                    budget: soon
                """);
        write("30-broken.yaml", "mode: off\n");

        assertThat(loader.check(dir)).extracting(PolicyError::toString).containsExactly(
                dir.resolve("20-overlay.yaml") + ":4:13: stages[0].budget: expected a duration like 50ms",
                dir.resolve("30-broken.yaml") + ":1:1: missing required key 'apiVersion' (use apiVersion: aiguard.dev/v1)");
    }

    @Test
    void aFileWithBrokenSyntaxDoesNotHideTheOtherFilesProblems() throws Exception {
        write("10-broken.yaml", "apiVersion: aiguard.dev/v1\nstages: [\n");
        write("20-typo.yaml", "apiVersion: aiguard.dev/v1\nmdoe: monitor\n");

        assertThat(loader.check(dir)).extracting(PolicyError::toString).containsExactly(
                dir.resolve("10-broken.yaml") + ":3:1: invalid YAML: expected the node content, but found '<stream end>'",
                dir.resolve("20-typo.yaml") + ":2:1: mdoe: unknown key 'mdoe' (did you mean 'mode'?)");
    }

    @Test
    void hiddenAndNonYamlFilesAndSubdirectoriesAreIgnored() throws Exception {
        write("policy.yaml", "apiVersion: aiguard.dev/v1\nmode: monitor\n");
        write(".policy.yaml", "not: [valid");
        write("notes.txt", "mode: off");
        write("policy.yaml.bak", "mode: off");
        Files.createDirectories(dir.resolve("sub.yaml"));

        assertThat(loader.load(dir).mode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void aDirectoryWithoutPolicyFilesIsAnError() {
        assertThat(loader.check(dir)).extracting(PolicyError::toString)
                .containsExactly(dir + ":0:0: no policy files (*.yaml, *.yml) in directory");
    }

    @Test
    void mergedVersionDependsOnContentNotOnHowItIsSplit() throws Exception {
        write("10-a.yaml", "apiVersion: aiguard.dev/v1\nmode: monitor\n");
        write("20-b.yaml", "apiVersion: aiguard.dev/v1\nstages: [ { type: stamp } ]\n");
        String split = loader.load(dir).version();
        String whole = loader.load("one.yaml", "apiVersion: aiguard.dev/v1\nmode: monitor\nstages: [ { type: stamp } ]\n")
                .version();

        assertThat(split).isEqualTo(whole);
    }
}
