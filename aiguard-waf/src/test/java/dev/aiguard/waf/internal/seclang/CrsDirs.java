package dev.aiguard.waf.internal.seclang;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find rule sets that are not part of the repository; skips the test when absent. */
final class CrsDirs {
    private CrsDirs() {
    }

    /** CRS v4 from {@code -Daiguard.crs.dir} or {@code AIGUARD_CRS_DIR}. */
    static Path crs4() {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                "CRS v4 not found: set -Daiguard.crs.dir or AIGUARD_CRS_DIR to a CRS checkout (was " + dir + ")");
        return Path.of(dir);
    }

    /** Debian's CRS 3.3 package ({@code apt-get install modsecurity-crs}). */
    static Path debianCrs3() {
        Path dir = Path.of("/usr/share/modsecurity-crs");
        assumeTrue(Files.isDirectory(dir.resolve("rules")),
                "Debian CRS 3.3 not installed at " + dir + " (apt-get install modsecurity-crs)");
        return dir;
    }
}
