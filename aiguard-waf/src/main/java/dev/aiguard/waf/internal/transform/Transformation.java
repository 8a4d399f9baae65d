package dev.aiguard.waf.internal.transform;

/**
 * A ModSecurity transformation ({@code t:name}). Values are byte strings: every char of the input and
 * output is one byte (0-255), i.e. the ISO-8859-1 view of the raw bytes. Implementations are
 * stateless and thread-safe, and return the input instance itself when nothing changes.
 */
public interface Transformation {

    /** The name used in rules, e.g. {@code urlDecodeUni}. */
    String name();

    /** Applies the transformation. Never returns {@code null}. */
    String apply(String input);
}
