package dev.aiguard.llm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (system property {@code aiguard.shared.dir}, set by the parent POM) or skips the test. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String prop = System.getProperty("aiguard.shared.dir");
        String env = System.getenv("AIGUARD_SHARED_DIR");
        Path dir = Path.of(prop != null ? prop : env != null ? env : "../../shared");
        return dir;
    }

    /** {@code shared/corpus}, or the test is skipped with a message. */
    public static Path corpus() {
        Path corpus = dir().resolve("corpus");
        assumeTrue(Files.isRegularFile(corpus.resolve("prompt_benign.jsonl")),
                "shared corpus not found at " + corpus.toAbsolutePath() + " (set -Daiguard.shared.dir); skipping");
        return corpus;
    }

    /** A file under {@code shared/bench}, or the test is skipped with a message. */
    public static Path bench(String name) {
        Path file = dir().resolve("bench").resolve(name);
        assumeTrue(Files.isRegularFile(file), "bench file " + file.toAbsolutePath() + " not found; skipping");
        return file;
    }
}
