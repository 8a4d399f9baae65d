package dev.aiguard.waf.internal.engine;

import java.util.function.Supplier;

/**
 * Text computed on first read and then kept: a macro expansion that refers to capture groups not computed yet, or
 * a log line. Thread-safe: the computation is repeatable, so racing readers agree.
 */
final class LazyText implements Supplier<String> {

    static final LazyText EMPTY = of("");

    private final Supplier<String> compute;
    private volatile String value;

    private LazyText(Supplier<String> compute, String value) {
        this.compute = compute;
        this.value = value;
    }

    /** Text known already. */
    static LazyText of(String value) {
        return new LazyText(null, value);
    }

    /** Text computed by {@code compute} when first read. */
    static LazyText later(Supplier<String> compute) {
        return new LazyText(compute, null);
    }

    @Override
    public String get() {
        String v = value;
        if (v == null) {
            v = compute.get();
            value = v;
        }
        return v;
    }

    @Override
    public String toString() {
        return get();
    }
}
