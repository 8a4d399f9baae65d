package dev.aiguard.waf.internal.regex;

/**
 * A regex engine that can compile CRS patterns. See {@link CompiledPattern} for the shared semantics.
 * Engines backed by native memory free it in {@link #close()}; patterns compiled by an engine must
 * not be used after it is closed.
 */
public interface RegexEngine extends AutoCloseable {

    /** {@code hyperscan} or {@code re2j}. */
    String name();

    /**
     * @throws IllegalArgumentException when the pattern cannot be compiled (the message says why)
     */
    CompiledPattern compile(String pattern);

    /** Frees native resources held by the engine and its patterns. Idempotent; no-op by default. */
    @Override
    default void close() {
    }
}
