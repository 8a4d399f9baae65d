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
        return prefix + Long.toHexString(counter.incrementAndGet());
    }
}
