package dev.aiguard.waf.internal.regex;

/** A regex engine that can compile CRS patterns. See {@link CompiledPattern} for the shared semantics. */
public interface RegexEngine {

    /** {@code hyperscan} or {@code re2j}. */
    String name();

    /**
     * @throws IllegalArgumentException when the pattern cannot be compiled (the message says why)
     */
    CompiledPattern compile(String pattern);
}
