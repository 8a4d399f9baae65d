package dev.aiguard.cli.internal.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrsLocatorTest {

    @TempDir
    Path dir;

    @Test
    void optionWinsAndIsTheOnlyCandidate() {
        assertThat(CrsLocator.candidates(dir, Map.of(CrsLocator.ENV, "/elsewhere")::get)).containsExactly(dir);
    }

    @Test
    void withoutOptionTheEnvironmentThenTheSiblingThenTheSystemPackageAreTried() {
        assertThat(CrsLocator.candidates(null, Map.of(CrsLocator.ENV, "/from/env")::get))
                .containsExactly(Path.of("/from/env"), CrsLocator.SIBLING, CrsLocator.SYSTEM);
        assertThat(CrsLocator.candidates(null, Map.<String, String>of()::get))
                .containsExactly(CrsLocator.SIBLING, CrsLocator.SYSTEM);
    }

    @Test
    void aDirectoryCountsOnlyWithRulesInside() throws IOException {
        assertThat(CrsLocator.locate(dir, name -> null)).isEmpty();
        Files.createDirectory(dir.resolve("rules"));
        assertThat(CrsLocator.locate(dir, name -> null)).hasValue(dir.toAbsolutePath().normalize());
    }
}
