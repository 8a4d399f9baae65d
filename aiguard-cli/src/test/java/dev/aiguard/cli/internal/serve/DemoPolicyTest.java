package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DemoPolicyTest {

    /** The module's tests run in {@code aiguard-cli/}. */
    private static final Path EXAMPLE = Path.of("..").resolve(DemoPolicy.CHECKOUT_FILE);

    @Test
    void jarCarriesTheExamplesFileUnchanged() throws IOException {
        assertThat(DemoPolicy.builtIn()).isEqualTo(Files.readString(EXAMPLE));
    }

    @Test
    void demoPolicyLoadsWithTheCrs() throws PolicyException {
        Path crs = Path.of(System.getProperty("aiguard.crs.dir", "../../shared/crs"));
        assumeTrue(CrsLocator.looksLikeCrs(crs), "CRS not found at " + crs + " (set -Daiguard.crs.dir)");
        PolicyLoader loader = PolicyLoader.builder().environment(Map.of(CrsLocator.ENV, crs.toString())).build();
        Policy policy = DemoPolicy.load(loader, EXAMPLE, true);
        assertThat(policy.maxBodyBytes()).isPositive();
    }

    @Test
    void demoPolicyLoadsWithoutTheCrsAndHasNoCrsStageThen() throws PolicyException {
        PolicyLoader loader = PolicyLoader.builder().environment(Map.of()).build();
        Policy policy = DemoPolicy.load(loader, null, false);
        assertThat(policy.stages()).noneMatch(stage -> stage.type().equals(DemoPolicy.CRS_TYPE));
    }

    @Test
    void withoutCrsDropsOnlyCrsStages() {
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: identity
                    name: who
                  - type: crs
                    name: waf
                  - type: prompt
                """;
        String stripped = DemoPolicy.withoutCrs(yaml);
        assertThat(stripped).contains("identity").contains("prompt").doesNotContain("crs").doesNotContain("waf");
    }

    @Test
    void textThatIsNotAPolicyMappingIsLeftForTheLoaderToReport() {
        assertThat(DemoPolicy.withoutCrs("stages: [unclosed")).isEqualTo("stages: [unclosed");
        assertThat(DemoPolicy.withoutCrs("- a\n- b\n")).isEqualTo("- a\n- b\n");
        String noCrs = "apiVersion: aiguard.dev/v1\n# comment kept\n";
        assertThat(DemoPolicy.withoutCrs(noCrs)).isEqualTo(noCrs);
    }
}
