package dev.aiguard.api;

/**
 * Receives the guard's per-request measurements: how long each stage took and what it decided, the verdict, and the
 * completion with the response and the exchange's {@linkplain Exchange#costs() cost figures}. Metrics binders, tracers
 * and flow logs implement it; unlike {@link SecurityEvent}s (which cover blocks, failures and a sample of allowed
 * requests) it sees every request.
 *
 * <p>An {@link EventSink} that also implements this interface is called for every request of the guard it is
 * configured in: as a sink of the policy ({@code events.sinks}) or attached to the guard with
 * {@link Guard#create(GuardConfig, java.util.List)}.
 *
 * <p>Calls come from request threads, concurrently: implementations must be thread-safe, must not block and should
 * not allocate much; they run on the request's path. An exception is logged and otherwise ignored.
 */
public interface GuardObserver {

    /**
     * The guard started running {@code config}: at creation and after each {@link Guard#update}. Default: nothing.
     */
    default void configured(GuardConfig config) {
    }

    /**
     * One stage's inspect returned (or failed; then {@code outcome} holds the guard's failure finding).
     *
     * @param stage   the stage's name
     * @param nanos   time spent in the stage
     * @param outcome what it concluded (before per-rule and stage modes are applied)
     */
    default void stageInspected(Exchange exchange, String stage, long nanos, StageOutcome outcome) {
    }

    /**
     * {@link Guard#inspect} decided.
     *
     * @param nanos time spent in the guard for this request
     */
    default void inspected(Exchange exchange, Verdict verdict, long nanos) {
    }

    /** {@link Guard#complete} ran the stages' post-response work (once per exchange). */
    default void completed(Exchange exchange, ResponseInfo response) {
    }
}
