package dev.aiguard.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-request context carried from {@link Guard#inspect} to {@link Guard#complete}: the request, who is calling, what
 * was found, and attributes stages leave for their own {@code complete} (a token reservation, a slot).
 *
 * <p>An exchange belongs to one request. Stages of one request run one after another, so it is not synchronized;
 * an adapter that completes on another thread hands it over with a happens-before edge (as executors do).
 */
public final class Exchange {

    private final String requestId;
    private final GuardRequest request;
    private final Instant startTime;
    private final long startNanos;
    private final String policyVersion;
    private final Object pipeline;
    private final List<Finding> findings = new ArrayList<>(2);
    private Map<AttributeKey<?>, Object> attributes;
    private Principal principal = Principal.anonymous();
    private Verdict verdict;
    private boolean completed;

    Exchange(String requestId, GuardRequest request, Instant startTime, long startNanos, String policyVersion,
             Object pipeline) {
        this.requestId = requestId;
        this.request = request;
        this.startTime = startTime;
        this.startNanos = startNanos;
        this.policyVersion = policyVersion;
        this.pipeline = pipeline;
    }

    /** The request id (the adapter's, or one the guard made). */
    public String requestId() {
        return requestId;
    }

    public GuardRequest request() {
        return request;
    }

    /** Wall-clock time inspection started. */
    public Instant startTime() {
        return startTime;
    }

    /** {@link System#nanoTime()} when inspection started. */
    public long startNanos() {
        return startNanos;
    }

    /** Version of the policy this exchange runs under, start to end (reloads do not affect it). */
    public String policyVersion() {
        return policyVersion;
    }

    /** Who is calling; {@link Principal#anonymous()} until an identity stage sets it. */
    public Principal principal() {
        return principal;
    }

    /** Set by identity stages. */
    public void principal(Principal principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    /** Findings so far, in stage order. */
    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    void addFindings(List<Finding> more) {
        findings.addAll(more);
    }

    /** A stage attribute, or {@code null}. */
    public <T> T attribute(AttributeKey<T> key) {
        return attributes == null ? null : key.type().cast(attributes.get(key));
    }

    /** Stores a stage attribute for later stages or for {@code complete}. */
    public <T> void attribute(AttributeKey<T> key, T value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(key, key.type().cast(value));
    }

    /** The verdict, once {@link Guard#inspect} has returned. */
    public Verdict verdict() {
        return verdict;
    }

    void verdict(Verdict verdict) {
        this.verdict = verdict;
    }

    Object pipeline() {
        return pipeline;
    }

    /** Marks completion; returns false if it was already completed (complete is idempotent). */
    boolean markCompleted() {
        if (completed) {
            return false;
        }
        completed = true;
        return true;
    }

    @Override
    public String toString() {
        return "Exchange[" + requestId + ", " + request + "]";
    }

    /**
     * A typed key for {@link Exchange} attributes. Identity is by instance: declare keys as constants.
     *
     * @param name for diagnostics
     * @param type the value type
     */
    public record AttributeKey<T>(String name, Class<T> type) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
