package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A Bucket4j clock the test moves by hand. */
final class ManualClock implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
