package dev.aiguard.spring.boot.internal;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the policy is, as a file-system path: the guard loads, and the watcher reloads, files. A {@code classpath:}
 * location must therefore be a file on disk (an exploded build, the IDE), not an entry inside a jar.
 *
 * @param path the policy file or directory
 */
public record PolicyLocation(Path path) {

    /** Resolves {@code location} (a path, {@code file:} or {@code classpath:} URL); fails with a clear message. */
    public static PolicyLocation resolve(String location, ResourceLoader resources) {
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("aiguard.policy is empty: name the policy file");
        }
        Path path;
        if (location.startsWith("classpath:") || location.startsWith("file:")) {
            Resource resource = resources.getResource(location);
            try {
                path = resource.getFile().toPath();
            } catch (IOException | UnsupportedOperationException e) {
                throw new IllegalStateException("aiguard.policy " + location + " is not a file on disk (inside a jar?);"
                        + " name a file-system path instead", e);
            }
        } else {
            path = Path.of(location);
        }
        if (!Files.exists(path)) {
            throw new IllegalStateException("aiguard.policy " + location + " not found (" + path.toAbsolutePath() + ")");
        }
        return new PolicyLocation(path);
    }
}
