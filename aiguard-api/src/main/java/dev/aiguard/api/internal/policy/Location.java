package dev.aiguard.api.internal.policy;

/**
 * Where a node of a policy file starts.
 *
 * @param file   the file's display name
 * @param line   1-based line (0 for the whole file)
 * @param column 1-based column (0 for the whole file)
 */
public record Location(String file, int line, int column) {

    /** The location standing for a whole file (a problem with no line, such as an unreadable file). */
    public static Location wholeFile(String file) {
        return new Location(file, 0, 0);
    }
}
