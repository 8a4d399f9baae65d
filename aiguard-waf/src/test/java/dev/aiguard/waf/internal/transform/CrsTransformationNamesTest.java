package dev.aiguard.waf.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every {@code t:} the CRS rules use resolves to a transformation (reads the CRS from aiguard.crs.dir). */
class CrsTransformationNamesTest {

    private static final Pattern TRANSFORMATION = Pattern.compile("\\bt:([A-Za-z0-9]+)");

    @Test
    void everyTransformationTheCrsUsesIsKnown() throws IOException {
        String crsDir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Path rules = crsDir == null ? null : Path.of(crsDir, "rules");
        assumeTrue(rules != null && Files.isDirectory(rules), "CRS rules not found (set aiguard.crs.dir); skipping");

        Set<String> used = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(rules)) {
            files = listing.filter(p -> p.toString().endsWith(".conf")).toList();
        }
        for (Path file : files) {
            Matcher matcher = TRANSFORMATION.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }

        assertThat(used).as("transformations found in %s", rules).hasSizeGreaterThanOrEqualTo(20);
        for (String name : used) {
            assertThat(Transformations.byName(name).name()).isEqualToIgnoringCase(name.replace("normalise", "normalize"));
        }
    }
}
