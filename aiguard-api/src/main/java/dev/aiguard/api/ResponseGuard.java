package dev.aiguard.api;

import dev.aiguard.api.internal.EventFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The response side of one exchange: runs the {@link OutputFilter}s of the exchange's {@link OutputStage}s over the
 * response body, in stage order (what one filter forwards is what the next one sees). Obtain it from
 * {@link Guard#responseGuard}; adapters feed it chunk by chunk with {@link #write} and forward what it returns, and
 * call {@link #finish} at the end of the body (before {@link Guard#complete}).
 *
 * <p>When no stage inspects responses, {@link #active()} is false and adapters may skip it entirely. Findings go into
 * the exchange (so {@code complete} of later stages sees them) and one event is published per response that had any:
 * {@link EventType#RESPONSE_BLOCKED}, {@link EventType#RESPONSE_REDACTED} or {@link EventType#RESPONSE_FLAGGED}.
 *
 * <p>Never throws to the adapter: a filter that fails is dropped for the rest of the response (fail open) or cuts it
 * (fail closed), as the stage's {@code failOpen} switch says. One instance per response; not thread-safe.
 */
public final class ResponseGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseGuard.class);
    /** Most findings one response keeps (a model repeating a secret a thousand times makes one event, not a flood). */
    static final int MAX_FINDINGS = 64;
    private static final ResponseGuard INACTIVE = new ResponseGuard(null, null, null, new ConfiguredStage[0], new OutputFilter[0]);

    private final Guard guard;
    private final GuardConfig config;
    private final Exchange exchange;
    private final ConfiguredStage[] stages;
    private final OutputFilter[] filters;
    private final List<Finding> findings = new ArrayList<>();
    private boolean rewritten;
    private Block block;
    private String blockingStage;
    private boolean finished;
    private boolean reported;
    /** Stages whose overrun was already published for this response (made on the first overrun). */
    private boolean[] overrunReported;

    ResponseGuard(Guard guard, GuardConfig config, Exchange exchange, ConfiguredStage[] stages, OutputFilter[] filters) {
        this.guard = guard;
        this.config = config;
        this.exchange = exchange;
        this.stages = stages;
        this.filters = filters;
    }

    /** A guard that inspects nothing and forwards everything. */
    public static ResponseGuard inactive() {
        return INACTIVE;
    }

    /** Whether any stage inspects this response; when false, adapters can forward the body untouched. */
    public boolean active() {
        return filters.length > 0;
    }

    /** Whether the response was stopped; later writes forward nothing. */
    public boolean cut() {
        return block != null;
    }

    /** The block that stopped the response, or {@code null}. */
    public Block block() {
        return block;
    }

    /** Findings so far. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Takes the next chunk of the body; returns what to forward (possibly less, more or other bytes). */
    public OutputChunk write(byte[] bytes, int offset, int length) {
        if (!active()) {
            return OutputChunk.pass(Arrays.copyOfRange(bytes, offset, offset + length));
        }
        if (block != null || finished) {
            return OutputChunk.empty();
        }
        return run(0, bytes, offset, length, false);
    }

    /** The body ended: returns the bytes still held back. Publishes the response's event. Idempotent. */
    public OutputChunk finish() {
        if (!active() || finished) {
            return OutputChunk.empty();
        }
        OutputChunk out = block != null ? OutputChunk.empty() : run(0, null, 0, 0, true);
        finished = true;
        report();
        return out;
    }

    /** Inspects a whole body at once (a unary JSON answer, a gRPC message): {@link #write} then {@link #finish}. */
    public OutputChunk inspect(byte[] body) {
        OutputChunk first = write(body, 0, body.length);
        if (first.cut()) {
            finish();
            return first;
        }
        OutputChunk last = finish();
        byte[] all = concat(first.data(), last.data());
        List<Finding> found = new ArrayList<>(first.findings());
        found.addAll(last.findings());
        return new OutputChunk(all, found, last.block());
    }

    /**
     * Runs filters from index {@code from}: each filter's output (and, at the end, its held-back tail followed by its
     * own finish) goes into the next one.
     */
    private OutputChunk run(int from, byte[] bytes, int offset, int length, boolean end) {
        byte[] data = bytes == null ? new byte[0] : Arrays.copyOfRange(bytes, offset, offset + length);
        List<Finding> found = List.of();
        for (int i = from; i < filters.length && block == null; i++) {
            if (filters[i] == null) {
                continue;
            }
            OutputChunk step = step(i, data, end);
            found = merge(found, step.findings());
            data = step.data();
            if (step.cut()) {
                block = step.block();
                blockingStage = stages[i].name();
            }
        }
        if (!found.isEmpty() && findings.size() < MAX_FINDINGS) {
            findings.addAll(found.subList(0, Math.min(found.size(), MAX_FINDINGS - findings.size())));
        }
        if (block != null && !finished) {
            finished = true;
            report();
        }
        return new OutputChunk(data, found, block);
    }

    private OutputChunk step(int i, byte[] data, boolean end) {
        long start = System.nanoTime();
        OutputChunk out;
        try {
            out = data.length > 0 ? filters[i].write(data, 0, data.length) : OutputChunk.empty();
            if (end && !out.cut()) {
                OutputChunk tail = filters[i].finish();
                List<Finding> both = merge(out.findings(), tail.findings());
                out = new OutputChunk(concat(out.data(), tail.data()), both, tail.block());
            }
        } catch (RuntimeException | StackOverflowError e) {
            return failed(i, data, e);
        }
        long elapsed = System.nanoTime() - start;
        return elapsed > stages[i].budget().toNanos() ? overrun(i, out, elapsed) : out;
    }

    /**
     * A filter took longer than its stage's budget on one chunk (the budget applies per call, as a stage's inspect is
     * timed per request: a long stream is many calls, each bounded). Fail open keeps what the filter answered, since
     * its answer did arrive; fail closed stops the response with 503 / {@code aiguard.stage.overrun}. One event per
     * stage and response, however many chunks overrun.
     */
    private OutputChunk overrun(int i, OutputChunk out, long elapsed) {
        ConfiguredStage stage = stages[i];
        Finding finding = Finding.of(stage.name(), Guard.STAGE_OVERRUN_RULE, Severity.HIGH,
                "stage '" + stage.name() + "' took " + elapsed / 1_000 + " us on a response chunk, budget "
                        + stage.budget().toNanos() / 1_000 + " us");
        if (overrunReported == null) {
            overrunReported = new boolean[filters.length];
        }
        if (!overrunReported[i]) {
            overrunReported[i] = true;
            guard.publish(config, EventFactory.stageFailure(config, exchange, stage.name(), finding,
                    stage.failOpen() ? 0 : 503));
        }
        List<Finding> found = merge(out.findings(), List.of(finding));
        return stage.failOpen() ? new OutputChunk(out.data(), found, out.block())
                : new OutputChunk(new byte[0], found, Block.unavailable(Guard.STAGE_OVERRUN_RULE));
    }

    private OutputChunk failed(int i, byte[] data, Throwable e) {
        ConfiguredStage stage = stages[i];
        LOG.warn("AIGuard output filter of stage '{}' failed (request {}, {})", stage.name(), exchange.requestId(),
                e.getClass().getName());
        filters[i] = null;
        Finding finding = Finding.of(stage.name(), Guard.STAGE_ERROR_RULE, Severity.HIGH,
                "stage '" + stage.name() + "' failed inspecting the response: " + e.getClass().getSimpleName());
        guard.publish(config, EventFactory.stageFailure(config, exchange, stage.name(), finding, 0));
        // Fail open forwards this chunk as it came (bytes the filter held back earlier are lost with it).
        return stage.failOpen() ? new OutputChunk(data, List.of(finding), null)
                : new OutputChunk(new byte[0], List.of(finding), Block.unavailable(Guard.STAGE_ERROR_RULE));
    }

    private void report() {
        if (reported || (findings.isEmpty() && block == null)) {
            return;
        }
        reported = true;
        exchange.addFindings(List.copyOf(findings));
        for (Finding f : findings) {
            rewritten |= f.tags().contains(Finding.TAG_REDACTED);
        }
        EventType type = block != null ? EventType.RESPONSE_BLOCKED
                : rewritten ? EventType.RESPONSE_REDACTED : EventType.RESPONSE_FLAGGED;
        guard.publish(config, EventFactory.responseEvent(config, exchange, type, findings, block, blockingStage));
    }

    private static List<Finding> merge(List<Finding> a, List<Finding> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<Finding> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
