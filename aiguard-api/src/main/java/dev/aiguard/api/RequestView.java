package dev.aiguard.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * A lazily computed, memoized view of a {@link GuardRequest} that stages share (parsed query, JSON tree, LLM payload...).
 * Create one constant per view and pass it to {@link GuardRequest#view(RequestView)}; the first call computes it, later
 * calls on the same request return the same object. Identity is by instance.
 *
 * @param <T> the view's type
 */
public final class RequestView<T> {

    private final String name;
    private final Function<GuardRequest, T> compute;

    private RequestView(String name, Function<GuardRequest, T> compute) {
        this.name = Objects.requireNonNull(name, "name");
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    /**
     * @param name    for diagnostics
     * @param compute computes the view from a request; must not return {@code null} and must not throw
     */
    public static <T> RequestView<T> of(String name, Function<GuardRequest, T> compute) {
        return new RequestView<>(name, compute);
    }

    T compute(GuardRequest request) {
        return Objects.requireNonNull(compute.apply(request), () -> "view " + name + " computed null");
    }

    /** The view's name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "RequestView[" + name + "]";
    }
}
