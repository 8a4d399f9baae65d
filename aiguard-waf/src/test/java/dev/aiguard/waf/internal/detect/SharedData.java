package dev.aiguard.waf.internal.detect;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared CRS checkout and corpora; tests are skipped with a message when absent. */
final class SharedData {

    private SharedData() {
    }

    /** The CRS directory from {@code -Daiguard.crs.dir} or {@code AIGUARD_CRS_DIR}. */
    static Path crsDir() {
        return existing(System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR")),
                "CRS checkout (set -Daiguard.crs.dir or AIGUARD_CRS_DIR)");
    }

    /** The corpus directory: {@code <aiguard.shared.dir>/corpus}, or next to the CRS directory. */
    static Path corpusDir() {
        String shared = System.getProperty("aiguard.shared.dir");
        if (shared == null) {
            String crs = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
            shared = crs == null ? null : Path.of(crs).resolveSibling("").toString();
        }
        return existing(shared == null ? null : Path.of(shared, "corpus").toString(),
                "corpus directory (set -Daiguard.shared.dir)");
    }

    private static Path existing(String location, String what) {
        assumeTrue(location != null && Files.isDirectory(Path.of(location)), "skipped: no " + what
                + " at " + location);
        return Path.of(location);
    }
}
