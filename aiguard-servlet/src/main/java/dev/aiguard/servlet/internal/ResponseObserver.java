package dev.aiguard.servlet.internal;

import dev.aiguard.api.Usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * What the filter learns from a response while the application writes it: the usage (through {@link UsageCapture}),
 * whether the client went away, and whether the stream was cut because the usage so far tripped the stream limit.
 */
public final class ResponseObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseObserver.class);

    private final UsageCapture usage;
    private final Predicate<Usage> cutWhen;
    private volatile boolean clientGone;
    private volatile boolean cut;
    private boolean broken;
    private Runnable onCut = () -> { };

    /**
     * @param usage   reads the usage from the bytes written
     * @param cutWhen asked after each write with the usage so far; {@code true} cuts the stream. {@code null}: never
     */
    public ResponseObserver(UsageCapture usage, Predicate<Usage> cutWhen) {
        this.usage = usage;
        this.cutWhen = cutWhen;
    }

    /** What to do when the stream is cut (end the response cleanly). */
    void onCut(Runnable action) {
        this.onCut = action;
    }

    void written(byte[] b, int off, int len) {
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
        }
    }

    /** Refuses writes after a cut: the application learns its stream ended, as when a client disconnects. */
    void checkOpen() throws IOException {
        if (cut) {
            throw new IOException("response stream cut by AIGuard");
        }
    }

    void clientGone() {
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

    /** Ends usage capture and returns what the response reported. */
    public Usage finishUsage() {
        return usage.finish();
    }
}
