package dev.aiguard.api;

import dev.aiguard.api.internal.EventFactory;
import dev.aiguard.api.internal.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The guard pipeline: built once, shared by all threads. {@link #inspect} runs every stage in order before the model
 * is called; {@link #complete} runs their post-response work. Neither ever throws to the host: stage errors become
 * findings and events, and the stage's {@code failOpen} switch decides the outcome.
 *
 * <p>{@link #update} swaps the configuration atomically: a request runs start to end (inspect and complete) on the
 * configuration it started with.
 *
 * <p>Sinks and {@link GuardObserver}s come from the configuration (the policy's {@code events.sinks}) and, for those
 * the host wires itself (a metrics registry, a tracer), from the guard: see {@link #create(GuardConfig, List)}.
 */
public final class Guard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    /** Rule id of the finding made when a stage throws. */
    public static final String STAGE_ERROR_RULE = "aiguard.stage.error";
    /** Rule id of the finding made when a stage overruns its budget. */
    public static final String STAGE_OVERRUN_RULE = "aiguard.stage.overrun";

    private final AtomicReference<Pipeline> current;
    private final List<EventSink> attached;
    private final RequestIds requestIds = new RequestIds();

    private Guard(GuardConfig config, List<EventSink> attached) {
        this.attached = attached;
        Pipeline first = pipeline(config);
        warmUp(first);
        this.current = new AtomicReference<>(first);
        notifyConfigured(first);
    }

    /** A guard running {@code config}. */
    public static Guard create(GuardConfig config) {
        return create(config, List.of());
    }

    /**
     * A guard running {@code config}, with sinks attached to the guard itself rather than to a configuration: they
     * receive the events of every configuration the guard runs, stay across {@link #update}s, and are closed by
     * {@link #close()}. Those that implement {@link GuardObserver} also receive every request's measurements.
     */
    public static Guard create(GuardConfig config, List<? extends EventSink> attachedSinks) {
        return new Guard(java.util.Objects.requireNonNull(config, "config"), List.copyOf(attachedSinks));
    }

    /** The configuration new requests run with. */
    public GuardConfig config() {
        return current.get().config();
    }

    /** Version label of the configuration new requests run with. */
    public String policyVersion() {
        return current.get().config().version();
    }

    /** The sinks attached to this guard (not to a configuration). */
    public List<EventSink> attachedSinks() {
        return attached;
    }

    /**
     * A configuration with the observers it reaches: its own sinks' and the guard's attached ones, found once per
     * configuration so the request path only walks an array.
     */
    private record Pipeline(GuardConfig config, GuardObserver[] observers) {
    }

    private Pipeline pipeline(GuardConfig config) {
        List<GuardObserver> found = new ArrayList<>();
        for (EventSink sink : config.sinks()) {
            if (sink instanceof GuardObserver o) {
                found.add(o);
            }
        }
        for (EventSink sink : attached) {
            if (sink instanceof GuardObserver o && !found.contains(o)) {
                found.add(o);
            }
        }
        return new Pipeline(config, found.toArray(new GuardObserver[0]));
    }

    /**
     * Lets every stage of a configuration pay its one-off costs before the configuration serves (see
     * {@link Stage#warmUp}); a stage whose warm-up fails is logged and serves anyway.
     */
    private void warmUp(Pipeline pipeline) {
        GuardConfig config = pipeline.config();
        for (ConfiguredStage stage : config.stages()) {
            for (int pass = 0; pass < WarmUpSample.PASSES; pass++) {
                Exchange sample = new Exchange(WarmUpSample.REQUEST_ID, requestIds, 0, WarmUpSample.request(),
                        System.nanoTime(), config.version(), pipeline);
                try {
                    stage.stage().warmUp(sample);
                } catch (Throwable e) {
                    rethrowIfFatal(e);
                    LOG.debug("AIGuard: warm-up of stage '{}' failed ({}); it serves cold", stage.name(),
                            e.getClass().getName());
                    break;
                }
            }
        }
    }

    /**
     * Inspects a request. Never throws; a {@code null} request is a programming error and is reported as such.
     *
     * @return the verdict; pass {@link Verdict#exchange()} to {@link #complete} when the response is known
     */
    public Verdict inspect(GuardRequest request) {
        java.util.Objects.requireNonNull(request, "request");
        Pipeline pipeline = current.get();
        GuardConfig config = pipeline.config();
        // The guard's own id is only formatted if something asks for it (an event, a stage): most requests never do.
        String id = request.requestId();
        long sequence = id == null ? requestIds.nextSequence() : 0;
        Exchange exchange = new Exchange(id, requestIds, sequence, request, System.nanoTime(), config.version(), pipeline);
        Verdict verdict = runStages(config, exchange, pipeline.observers());
        exchange.verdict(verdict);
        if (verdict.blocked() || verdict.wouldBlock()) {
            publish(config, EventFactory.requestEvent(config, exchange, verdict, null));
        }
        notifyInspected(pipeline.observers(), exchange, verdict);
        return verdict;
    }

    private Verdict runStages(GuardConfig config, Exchange exchange, GuardObserver[] observers) {
        List<ConfiguredStage> stages = config.stages();
        boolean wouldBlock = false;
        // Indexed loop, no iterator: the allow path should allocate as little as possible.
        for (int i = 0; i < stages.size(); i++) {
            ConfiguredStage stage = stages.get(i);
            Mode stageMode = stageMode(config, stage);
            if (stageMode == Mode.OFF && stage.ruleModes().isEmpty()) {
                continue;
            }
            exchange.stagesEntered(i + 1);
            long before = exchange.stageClock();
            StageOutcome outcome = runOne(config, stage, exchange);
            if (observers.length > 0) {
                notifyStage(observers, exchange, stage.name(), exchange.stageClock() - before, outcome);
            }
            exchange.addFindings(visibleFindings(stage, stageMode, outcome.findings()));
            Block block = outcome.block();
            if (block == null) {
                continue;
            }
            Mode blockMode = blockMode(stage, stageMode, block);
            if (blockMode == Mode.ENFORCE) {
                return new Verdict(block, stage.name(), wouldBlock, exchange.findingsInternal(), exchange);
            }
            wouldBlock |= blockMode == Mode.MONITOR;
        }
        return new Verdict(null, null, wouldBlock, exchange.findingsInternal(), exchange);
    }

    private static Mode stageMode(GuardConfig config, ConfiguredStage stage) {
        return stage.mode() != null ? stage.mode() : config.mode();
    }

    /**
     * Runs one stage's inspect, timing it against its budget. A stage's clock starts where the previous stage's
     * stopped (one {@code nanoTime} per stage, not two); after a failure, which publishes an event, it restarts, so
     * the next stage is not charged for the event.
     */
    private StageOutcome runOne(GuardConfig config, ConfiguredStage stage, Exchange exchange) {
        long start = exchange.stageClock();
        StageOutcome outcome;
        try {
            outcome = stage.stage().inspect(exchange);
            if (outcome == null) {
                throw new IllegalStateException("stage returned no outcome");
            }
        } catch (Throwable e) {
            rethrowIfFatal(e);
            StageOutcome failed = failure(config, stage, exchange, STAGE_ERROR_RULE,
                    "stage '" + stage.name() + "' failed: " + e.getClass().getSimpleName(), e);
            exchange.stageClock(System.nanoTime());
            return failed;
        }
        long end = System.nanoTime();
        exchange.stageClock(end);
        long elapsed = end - start;
        if (elapsed > stage.budget().toNanos()) {
            StageOutcome overrun = failure(config, stage, exchange, STAGE_OVERRUN_RULE,
                    "stage '" + stage.name() + "' took " + elapsed / 1_000 + " us, budget " + stage.budget().toNanos() / 1_000 + " us", null);
            exchange.stageClock(System.nanoTime());
            List<Finding> all = new ArrayList<>(outcome.findings());
            all.addAll(overrun.findings());
            // Fail open keeps what the stage decided (its answer did arrive); fail closed refuses the request.
            Block block = stage.failOpen() ? outcome.block() : overrun.block();
            return new StageOutcome(all, block);
        }
        return outcome;
    }

    private StageOutcome failure(GuardConfig config, ConfiguredStage stage, Exchange exchange, String ruleId,
                                 String message, Throwable error) {
        if (error != null) {
            logFailure(message, exchange, error);
        }
        Finding finding = Finding.of(stage.name(), ruleId, Severity.HIGH, message);
        Block block = stage.failOpen() ? null : Block.unavailable(ruleId);
        publish(config, EventFactory.stageFailure(config, exchange, stage.name(), finding,
                block == null ? 0 : block.httpStatus()));
        return new StageOutcome(List.of(finding), block);
    }

    /**
     * Logs a stage failure. The exception's message may quote request data (a parser echoing its input, a credential),
     * so WARN carries only its type; the stack trace with the message is logged at DEBUG, for whoever debugs a stage.
     */
    private static void logFailure(String message, Exchange exchange, Throwable error) {
        LOG.warn("AIGuard {} (request {}, {})", message, exchange.requestId(), error.getClass().getName());
        if (LOG.isDebugEnabled()) {
            LOG.debug("AIGuard {} (request {})", message, exchange.requestId(), error);
        }
    }

    /**
     * Errors the JVM cannot recover from (out of memory, internal errors) are not the stage's to swallow; everything
     * else a stage throws, checked or not, Error or not, becomes a finding. A stack overflow is recoverable: it is
     * the stage's bug, not the JVM's state.
     */
    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops findings of rules switched off. */
    private static List<Finding> visibleFindings(ConfiguredStage stage, Mode stageMode, List<Finding> findings) {
        if (stage.ruleModes().isEmpty() || findings.isEmpty()) {
            return stageMode == Mode.OFF ? List.of() : findings;
        }
        List<Finding> kept = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (stage.ruleModes().getOrDefault(f.ruleId(), stageMode) != Mode.OFF) {
                kept.add(f);
            }
        }
        return kept;
    }

    /**
     * The mode a block is judged by. With per-rule overrides, the strongest mode among the block's rules wins (enforce
     * over monitor over off); rules without an override take the stage's mode. A block naming no rule takes the
     * stage's mode.
     */
    private static Mode blockMode(ConfiguredStage stage, Mode stageMode, Block block) {
        if (block.ruleIds().isEmpty() || stage.ruleModes().isEmpty()) {
            return stageMode;
        }
        Mode strongest = Mode.OFF;
        for (String rule : block.ruleIds()) {
            Mode m = stage.ruleModes().getOrDefault(rule, stageMode);
            if (m.ordinal() < strongest.ordinal()) {
                strongest = m;
            }
        }
        return strongest;
    }

    /**
     * Runs post-response work for an exchange from {@link #inspect}. Idempotent; never throws. Call it for every
     * exchange once the response (or its failure) is known, blocked ones included (with the block's status), so that
     * stages which reserved something in {@code inspect} (tokens, slots) release it. Only the stages whose
     * {@code inspect} ran are completed: a stage after the one that blocked is not.
     */
    public void complete(Exchange exchange, ResponseInfo response) {
        if (exchange == null || response == null || !exchange.markCompleted()) {
            return;
        }
        Pipeline pipeline = (Pipeline) exchange.pipeline();
        GuardConfig config = pipeline.config();
        List<ConfiguredStage> stages = config.stages();
        int entered = exchange.stagesEntered();
        for (int i = 0; i < entered; i++) {
            ConfiguredStage stage = stages.get(i);
            if (stageMode(config, stage) == Mode.OFF && stage.ruleModes().isEmpty()) {
                continue;
            }
            try {
                stage.stage().complete(exchange, response);
            } catch (Throwable e) {
                rethrowIfFatal(e);
                logFailure("stage '" + stage.name() + "' failed in complete", exchange, e);
                Finding finding = Finding.of(stage.name(), STAGE_ERROR_RULE, Severity.HIGH,
                        "stage '" + stage.name() + "' failed in complete: " + e.getClass().getSimpleName());
                publish(config, EventFactory.stageFailure(config, exchange, stage.name(), finding, 0));
            }
        }
        Verdict verdict = exchange.verdict();
        double rate = config.events().sampleAllowed();
        if (rate > 0 && verdict != null && verdict.allowed() && !verdict.wouldBlock()
                && EventFactory.sampled(exchange.requestId(), rate)) {
            publish(config, EventFactory.requestEvent(config, exchange, verdict, response));
        }
        notifyCompleted(pipeline.observers(), exchange, response);
    }

    /**
     * The response side of an allowed exchange: a {@link ResponseGuard} running the output filters of the exchange's
     * {@link OutputStage}s (those whose {@code inspect} ran, mode not {@code off}) over the response body. Adapters feed
     * it the body as it is written and forward what it returns; when no stage inspects this response it is
     * {@linkplain ResponseGuard#active() inactive}. Never throws; a stage failing to open is handled like a failing
     * stage (fail open: skipped; fail closed: the response is refused).
     *
     * @param contentType the response's content type ({@code null} or empty when unknown)
     */
    public ResponseGuard responseGuard(Exchange exchange, String contentType) {
        if (exchange == null || (exchange.verdict() != null && exchange.verdict().blocked())) {
            return ResponseGuard.inactive();
        }
        GuardConfig config = ((Pipeline) exchange.pipeline()).config();
        List<ConfiguredStage> stages = config.stages();
        List<ConfiguredStage> opened = new ArrayList<>(2);
        List<OutputFilter> filters = new ArrayList<>(2);
        Block refused = null;
        for (int i = 0; i < exchange.stagesEntered(); i++) {
            ConfiguredStage stage = stages.get(i);
            Mode mode = stageMode(config, stage);
            if (!(stage.stage() instanceof OutputStage output) || mode == Mode.OFF) {
                continue;
            }
            try {
                OutputFilter filter = output.openOutput(exchange, contentType == null ? "" : contentType, mode);
                if (filter != null) {
                    opened.add(stage);
                    filters.add(filter);
                }
            } catch (RuntimeException | StackOverflowError e) {
                logFailure("stage '" + stage.name() + "' failed opening the response", exchange, e);
                Finding finding = Finding.of(stage.name(), STAGE_ERROR_RULE, Severity.HIGH,
                        "stage '" + stage.name() + "' failed opening the response: " + e.getClass().getSimpleName());
                publish(config, EventFactory.stageFailure(config, exchange, stage.name(), finding, 0));
                if (!stage.failOpen()) {
                    refused = Block.unavailable(STAGE_ERROR_RULE);
                    opened.add(stage);
                    filters.add(new RefusingFilter(refused, finding));
                }
            }
        }
        if (filters.isEmpty()) {
            return ResponseGuard.inactive();
        }
        return new ResponseGuard(this, config, exchange, opened.toArray(new ConfiguredStage[0]),
                filters.toArray(new OutputFilter[0]));
    }

    /** Stands for an output stage that failed to open and fails closed: the first bytes stop the response. */
    private record RefusingFilter(Block block, Finding finding) implements OutputFilter {
        @Override
        public OutputChunk write(byte[] bytes, int offset, int length) {
            return new OutputChunk(new byte[0], List.of(finding), block);
        }

        @Override
        public OutputChunk finish() {
            return new OutputChunk(new byte[0], List.of(finding), block);
        }
    }

    /**
     * Swaps in a new configuration. Requests already inside the guard finish on the old one. Sinks of the old
     * configuration that the new one does not reuse are closed.
     */
    public void update(GuardConfig config) {
        Pipeline next = pipeline(java.util.Objects.requireNonNull(config, "config"));
        warmUp(next);
        GuardConfig old = current.getAndSet(next).config();
        notifyConfigured(next);
        publish(config, EventFactory.policyEvent(config, EventType.POLICY_LOADED,
                "policy " + config.version() + " loaded (was " + old.version() + ")"));
        Set<EventSink> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(config.sinks());
        kept.addAll(attached);
        for (EventSink sink : old.sinks()) {
            if (!kept.contains(sink)) {
                closeQuietly(sink);
            }
        }
    }

    /** Publishes an event through the current configuration's sinks (used for policy-reload events). */
    public void publish(SecurityEvent event) {
        publish(current.get().config(), event);
    }

    /** Publishes to the configuration's sinks and the guard's attached ones (also for {@link ResponseGuard}). */
    void publish(GuardConfig config, SecurityEvent event) {
        publish(config.sinks(), event);
        publish(attached, event);
    }

    private static void publish(List<EventSink> sinks, SecurityEvent event) {
        for (int i = 0; i < sinks.size(); i++) {
            EventSink sink = sinks.get(i);
            try {
                sink.publish(event);
            } catch (RuntimeException e) {
                LOG.warn("AIGuard event sink {} failed", sink.getClass().getName(), e);
            }
        }
    }

    private static void notifyConfigured(Pipeline pipeline) {
        for (GuardObserver o : pipeline.observers()) {
            try {
                o.configured(pipeline.config());
            } catch (RuntimeException e) {
                observerFailed(o, e);
            }
        }
    }

    private static void notifyStage(GuardObserver[] observers, Exchange exchange, String stage, long nanos,
                                    StageOutcome outcome) {
        for (GuardObserver o : observers) {
            try {
                o.stageInspected(exchange, stage, nanos, outcome);
            } catch (RuntimeException e) {
                observerFailed(o, e);
            }
        }
    }

    private static void notifyInspected(GuardObserver[] observers, Exchange exchange, Verdict verdict) {
        if (observers.length == 0) {
            return;
        }
        long nanos = System.nanoTime() - exchange.startNanos();
        for (GuardObserver o : observers) {
            try {
                o.inspected(exchange, verdict, nanos);
            } catch (RuntimeException e) {
                observerFailed(o, e);
            }
        }
    }

    private static void notifyCompleted(GuardObserver[] observers, Exchange exchange, ResponseInfo response) {
        for (GuardObserver o : observers) {
            try {
                o.completed(exchange, response);
            } catch (RuntimeException e) {
                observerFailed(o, e);
            }
        }
    }

    private static void observerFailed(GuardObserver observer, RuntimeException e) {
        LOG.warn("AIGuard observer {} failed", observer.getClass().getName(), e);
    }

    /** Closes the current configuration's sinks and the attached ones. */
    @Override
    public void close() {
        for (EventSink sink : current.get().config().sinks()) {
            closeQuietly(sink);
        }
        for (EventSink sink : attached) {
            closeQuietly(sink);
        }
    }

    private static void closeQuietly(EventSink sink) {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.warn("AIGuard event sink {} failed to close", sink.getClass().getName(), e);
        }
    }

}
