package dev.aiguard.api.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Makes request ids for requests that arrive without one: a random per-guard prefix and a counter. Thread-safe. */
public final class RequestIds {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public RequestIds() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.prefix = HexFormat.of().formatHex(random) + "-";
    }

    /** The next id, unique within this guard and very likely across guards. */
    public String next() {
        return format(nextSequence());
    }

    /** Reserves the next id without formatting it (see {@link #format}): formatting allocates, reserving does not. */
    public long nextSequence() {
        return counter.incrementAndGet();
    }

    /** The id of a sequence number from {@link #nextSequence()}. */
    public String format(long sequence) {
        return prefix + Long.toHexString(sequence);
    }
}
