package dev.aiguard.api;

import java.util.Objects;

/**
 * One problem found while loading a policy, located in its file. {@link #toString()} gives the compiler-style line
 * {@code policy.yaml:7:15: stages[1].limits[0].tokens: must be > 0} that {@code aiguard check} prints.
 *
 * @param file    the file as named to the loader (or the display name of a policy given as text)
 * @param line    1-based line, or 0 when the problem concerns the whole file (e.g. it cannot be read)
 * @param column  1-based column, or 0 with line 0
 * @param path    the key path within the file, e.g. {@code stages[1].budget}; empty for file-level problems
 * @param message what is wrong; never contains the value of a substituted {@code ${ENV}} variable
 */
public record PolicyError(String file, int line, int column, String path, String message) {

    public PolicyError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        path = path == null ? "" : path;
    }

    @Override
    public String toString() {
        String where = file + ":" + line + ":" + column + ": ";
        return path.isEmpty() ? where + message : where + path + ": " + message;
    }
}
