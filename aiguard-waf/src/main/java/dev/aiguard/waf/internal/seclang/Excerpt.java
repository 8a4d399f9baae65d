package dev.aiguard.waf.internal.seclang;

/** Shortens offending tokens for error messages, so a huge hostile token never floods a log line. */
final class Excerpt {
    static final int MAX = 60;
    /** File paths are cut much later: a cut path is useless, and real paths are short anyway. */
    static final int MAX_PATH = 1024;

    private Excerpt() {
    }

    /** The text in single quotes, cut to {@link #MAX} characters with a trailing {@code ...}. */
    static String quoted(String text) {
        return "'" + cut(text) + "'";
    }

    /** A file path or include pattern in single quotes, cut only when absurdly long. */
    static String path(String path) {
        return "'" + cut(path, MAX_PATH) + "'";
    }

    static String cut(String text) {
        return cut(text, MAX);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
