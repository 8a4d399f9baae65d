package dev.aiguard.cli.internal.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds an OWASP CRS directory for the demo: the one named on the command line, else {@code $AIGUARD_CRS_DIR}, else
 * {@code ../shared/crs} (beside a checkout of this project), else {@code /usr/share/modsecurity-crs} (the Debian and
 * Ubuntu package). A directory counts when it has a {@code rules} subdirectory.
 */
public final class CrsLocator {

    /** Environment variable naming the CRS directory, also the one policies reference. */
    public static final String ENV = "AIGUARD_CRS_DIR";
    static final Path SIBLING = Path.of("..", "shared", "crs");
    static final Path SYSTEM = Path.of("/usr/share/modsecurity-crs");

    private CrsLocator() {
    }

    /** The directories tried, in order, for a command-line choice (may be null) and an environment. */
    public static List<Path> candidates(Path option, Function<String, String> environment) {
        List<Path> candidates = new ArrayList<>();
        if (option != null) {
            candidates.add(option);
            return candidates;
        }
        String fromEnv = environment.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidates.add(Path.of(fromEnv));
        }
        candidates.add(SIBLING);
        candidates.add(SYSTEM);
        return candidates;
    }

    /** The first candidate that holds CRS rules, as an absolute path. */
    public static Optional<Path> locate(Path option, Function<String, String> environment) {
        return candidates(option, environment).stream()
                .filter(CrsLocator::looksLikeCrs)
                .map(p -> p.toAbsolutePath().normalize())
                .findFirst();
    }

    static boolean looksLikeCrs(Path dir) {
        return Files.isDirectory(dir.resolve("rules"));
    }
}
