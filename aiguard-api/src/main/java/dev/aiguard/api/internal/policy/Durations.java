package dev.aiguard.api.internal.policy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The policy's duration syntax: a whole number and a unit, {@code 250us}, {@code 50ms}, {@code 2s}, {@code 1m}, {@code 1h}. */
public final class Durations {

    /** The type-error message for a value that is not a duration. */
    public static final String EXPECTED = "expected a duration like 50ms";

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})\\s*(ns|us|µs|ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or {@code null} when {@code text} is not one. */
    public static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> Duration.ofNanos(amount);
            case "us", "µs" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
