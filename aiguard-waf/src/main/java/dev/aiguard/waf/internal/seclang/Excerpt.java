package dev.aiguard.waf.internal.seclang;

/** Shortens offending tokens for error messages, so a huge hostile token never floods a log line. */
final class Excerpt {
    static final int MAX = 60;

    private Excerpt() {
    }

    /** The text in single quotes, cut to {@link #MAX} characters with a trailing {@code ...}. */
    static String quoted(String text) {
        return "'" + cut(text) + "'";
    }

    static String cut(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
