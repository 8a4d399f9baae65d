package dev.aiguard.api;

import dev.aiguard.api.internal.RequestIds;

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

    /** Cost figure: tokens reserved from budgets at admission. */
    public static final String TOKENS_RESERVED = "tokens.reserved";
    /** Cost figure: tokens charged once the usage is known. */
    public static final String TOKENS_CHARGED = "tokens.charged";
    /** Cost figure: reserved tokens given back because the request used fewer (or was refused later). */
    public static final String TOKENS_REFUNDED = "tokens.refunded";

    /** The id, or {@code null} until first asked for when the guard makes it (most requests never need it). */
    private String requestId;
    private final RequestIds ids;
    private final long idSequence;
    private final GuardRequest request;
    private final long startNanos;
    private final String policyVersion;
    private final Object pipeline;
    /**
     * Findings so far: {@code null} until the first ones, then the first stage's own immutable list (no copy), then,
     * once a second stage adds findings, an ArrayList of ours ({@code ownFindings}).
     */
    private List<Finding> findings;
    private boolean ownFindings;
    /** {@code nanoTime} when the running stage's clock started (the previous stage's end). */
    private long stageClock;
    /** How many of the pipeline's stages inspect reached (complete runs exactly those). */
    private int stagesEntered;
    private Map<AttributeKey<?>, Object> attributes;
    /** Cost figures ({@code tokens.reserved}...), {@code null} until a stage records one. */
    private Map<String, Long> costs;
    private Principal principal = Principal.anonymous();
    private Verdict verdict;
    private boolean completed;
    private byte[] replacementBody;
    private Throttle throttle;
    private boolean throttleApplied;

    Exchange(String requestId, RequestIds ids, long idSequence, GuardRequest request, long startNanos,
             String policyVersion, Object pipeline) {
        this.requestId = requestId;
        this.ids = ids;
        this.idSequence = idSequence;
        this.request = request;
        this.stageClock = startNanos;
        this.startNanos = startNanos;
        this.policyVersion = policyVersion;
        this.pipeline = pipeline;
    }

    /** The request id (the adapter's, or one the guard made). */
    public String requestId() {
        String id = requestId;
        if (id == null) {
            id = ids.format(idSequence);
            requestId = id;
        }
        return id;
    }

    public GuardRequest request() {
        return request;
    }

    /** Wall-clock time inspection started. */
    public Instant startTime() {
        // Derived when asked rather than read at the start: a clock read per request is measurable on the allow path.
        return Instant.ofEpochMilli(System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000);
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
        return findings == null ? List.of() : Collections.unmodifiableList(findings);
    }

    /** The findings so far as the guard's own (possibly empty, never copied) list. */
    List<Finding> findingsInternal() {
        return findings == null ? List.of() : findings;
    }

    /** Adds findings. The list is kept, not copied, until a second one arrives: callers must not change it later. */
    void addFindings(List<Finding> more) {
        if (more.isEmpty()) {
            return;
        }
        if (findings == null) {
            findings = more;
            return;
        }
        if (!ownFindings) {
            findings = new ArrayList<>(findings);
            ownFindings = true;
        }
        findings.addAll(more);
    }

    long stageClock() {
        return stageClock;
    }

    void stageClock(long nanos) {
        stageClock = nanos;
    }

    int stagesEntered() {
        return stagesEntered;
    }

    void stagesEntered(int count) {
        stagesEntered = count;
    }

    /**
     * Asks the stage that enforces budgets (the rate-limit stage) to charge this exchange more: see {@link Throttle}.
     * When several stages ask, the largest factor wins.
     */
    public void requestThrottle(Throttle requested) {
        Objects.requireNonNull(requested, "requested");
        if (throttle == null || requested.costFactor() > throttle.costFactor()) {
            throttle = requested;
        }
    }

    /** The throttle asked for this exchange, if any. */
    public java.util.Optional<Throttle> throttle() {
        return java.util.Optional.ofNullable(throttle);
    }

    /**
     * For the stage that enforces budgets: the throttle to apply, and a note that it was applied. The stage that asked
     * can then tell (in its {@code complete}) whether any stage acted on it.
     */
    public java.util.Optional<Throttle> applyThrottle() {
        if (throttle != null) {
            throttleApplied = true;
        }
        return java.util.Optional.ofNullable(throttle);
    }

    /** Whether a stage applied this exchange's throttle ({@link #applyThrottle}). */
    public boolean throttleApplied() {
        return throttleApplied;
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

    /**
     * Adds {@code amount} to one of this request's cost figures. Names are dotted and fixed per stage (not per
     * request): {@value #TOKENS_RESERVED}, {@value #TOKENS_CHARGED}, {@value #TOKENS_REFUNDED}, {@code cost.*}...
     * They appear in the request's event ({@link SecurityEvent#cost()}) and reach {@link GuardObserver}s.
     */
    public void addCost(String name, long amount) {
        Objects.requireNonNull(name, "name");
        if (costs == null) {
            costs = new HashMap<>(8);
        }
        costs.merge(name, amount, Long::sum);
    }

    /** The cost figures recorded so far (a snapshot); empty when none. */
    public Map<String, Long> costs() {
        return costs == null ? Map.of() : Map.copyOf(costs);
    }

    /** The value of one cost figure, or 0. */
    public long cost(String name) {
        Long v = costs == null ? null : costs.get(name);
        return v == null ? 0 : v;
    }

    /**
     * Replaces the request body the application (or upstream model) receives, e.g. prompts with personal data redacted
     * or a system prompt with a canary added. Stages inspect what the client sent ({@link #request()} is unchanged);
     * a stage that rewrites should start from {@link #forwardedBody()} so that rewrites by earlier stages compose.
     * Adapters forward the replacement only when they read the whole body ({@link GuardRequest#bodyTruncated()} false).
     */
    public void replaceBody(byte[] body) {
        this.replacementBody = Objects.requireNonNull(body, "body").clone();
    }

    /** The replacement body set by a stage, or {@code null} when the request goes on as it came. */
    public byte[] replacementBody() {
        return replacementBody == null ? null : replacementBody.clone();
    }

    /** The body as it will be forwarded: the replacement if a stage set one, else the request's own body. */
    public byte[] forwardedBody() {
        return replacementBody != null ? replacementBody.clone() : request.body();
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
    synchronized boolean markCompleted() {
        if (completed) {
            return false;
        }
        completed = true;
        return true;
    }

    @Override
    public String toString() {
        return "Exchange[" + requestId() + ", " + request + "]";
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
