package dev.aiguard.llm.adapter;

import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.ResponseGuard;
import dev.aiguard.api.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What an adapter learns from a response while the application writes it: the usage (through {@link UsageCapture}),
 * whether the client went away, and whether the stream was cut because the usage so far tripped the stream limit.
 * The adapter shows it every chunk written and asks it, at the end, for the usage and the outcome. Not thread-safe:
 * one response's writes are sequential.
 */
public final class ResponseObserver {

    /** The last event of a cut event stream, so that the client can tell a cut from a network failure. */
    public static final String CUT_EVENT = "event: aiguard.cut\ndata: {\"reason\":\"aiguard.stream_limit\"}\n\n";

    private static final Logger LOG = LoggerFactory.getLogger(ResponseObserver.class);
    private static final byte[] NOTHING = new byte[0];

    private final UsageCapture usage;
    private final Predicate<Usage> cutWhen;
    private volatile boolean clientGone;
    private volatile boolean cut;
    private boolean broken;
    private Runnable onCut = () -> { };
    /** Opens the response side of the guard once the content type is known; {@code null}: no output inspection. */
    private java.util.function.Function<String, ResponseGuard> outputOpener;
    private java.util.function.Supplier<String> contentType = () -> "";
    private ResponseGuard output;
    private volatile String cutReason = "aiguard.stream_limit";

    /**
     * @param usage   reads the usage from the bytes written
     * @param cutWhen asked after each write with the usage so far; {@code true} cuts the stream. {@code null}: never
     */
    public ResponseObserver(UsageCapture usage, Predicate<Usage> cutWhen) {
        this.usage = usage;
        this.cutWhen = cutWhen;
    }

    /** Runs the guard's output stages over what the application writes (see {@link #filter}). */
    public void inspectOutput(java.util.function.Function<String, ResponseGuard> opener,
                              java.util.function.Supplier<String> responseContentType) {
        this.outputOpener = opener;
        this.contentType = responseContentType;
    }

    /** Whether output stages may rewrite the body (so the application's Content-Length cannot be trusted). */
    public boolean rewritesOutput() {
        return outputOpener != null;
    }

    /**
     * What to forward for bytes the application wrote: the output stages' answer (possibly redacted, held back, or
     * nothing after a cut), or the bytes themselves when no stage inspects this response.
     */
    public byte[] filter(byte[] b, int off, int len) {
        if (outputOpener == null) {
            return null;
        }
        if (output == null) {
            output = outputOpener.apply(contentType.get());
        }
        if (!output.active()) {
            return null;
        }
        return apply(output.write(b, off, len));
    }

    /** The bytes the output stages still hold at the end of the body (empty when none). */
    public byte[] finishOutput() {
        if (output == null || !output.active()) {
            return new byte[0];
        }
        return apply(output.finish());
    }

    private byte[] apply(OutputChunk chunk) {
        if (chunk.cut() && !cut) {
            cutReason = chunk.block().reason();
            cutAfter = true;
        }
        return chunk.data();
    }

    private boolean cutAfter;

    /** Cuts the stream if the output stages asked for it (after the bytes of that chunk went out). */
    public void cutIfAsked() {
        if (cutAfter && !cut) {
            cut = true;
            onCut.run();
        }
    }

    /** Why the stream was cut (a stream limit, an output stage's block reason). */
    public String cutReason() {
        return cutReason;
    }

    /** What to do when the stream is cut: end the response cleanly (see {@link #cutEvent(String)}). */
    public void onCut(Runnable action) {
        this.onCut = action;
    }

    /** Whether the bytes of this response are worth showing (lets an adapter skip copying them). */
    public boolean wantsBytes() {
        return !broken && usage.wantsBytes();
    }

    /** Sees bytes the application wrote; runs the cut action when the stream limit trips. Never throws. */
    public void written(byte[] b, int off, int len) {
        if (broken) {
            return;
        }
        try {
            usage.accept(b, off, len);
            if (cutWhen != null && !cut && cutWhen.test(usage.current())) {
                cut = true;
                onCut.run();
            }
        } catch (RuntimeException e) {
            // Observing must never fail the application's write: stop observing this response, keep it flowing.
            broken = true;
            LOG.warn("AIGuard stopped observing a response ({})", e.getClass().getName());
            LOG.debug("AIGuard observer failure", e);
        }
    }

    /** Refuses writes after a cut: the application learns its stream ended, as when a client disconnects. */
    public void checkOpen() throws IOException {
        if (cut) {
            throw new IOException("response stream cut by AIGuard");
        }
    }

    /** Records that a write failed because the client went away. */
    public void clientGone() {
        clientGone = true;
    }

    /** Whether a write failed because the client went away. */
    public boolean isClientGone() {
        return clientGone;
    }

    /** Whether the stream limit cut the response. */
    public boolean isCut() {
        return cut;
    }

    /**
     * How the exchange ended: {@code CANCELLED} when the client went away or the stream was cut (the model's answer
     * was not delivered in full), else {@code FAILED} when the application failed, else {@code COMPLETED}.
     */
    public ResponseInfo.Outcome outcome(boolean applicationFailed) {
        if (clientGone || cut) {
            return ResponseInfo.Outcome.CANCELLED;
        }
        return applicationFailed ? ResponseInfo.Outcome.FAILED : ResponseInfo.Outcome.COMPLETED;
    }

    /** Ends usage capture and returns what the response reported. */
    public Usage finishUsage() {
        return usage.finish();
    }

    /** The bytes that end a cut response of this content type: {@link #CUT_EVENT} for an event stream, else none. */
    public static byte[] cutEvent(String contentType) {
        return cutEvent(contentType, "aiguard.stream_limit");
    }

    /** Like {@link #cutEvent(String)}, naming why the stream was cut (an output stage's block reason). */
    public static byte[] cutEvent(String contentType, String reason) {
        boolean sse = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        return sse ? CUT_EVENT.replace("aiguard.stream_limit", reason).getBytes(StandardCharsets.UTF_8) : NOTHING;
    }
}
