package dev.aiguard.spring.boot.internal;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Guard;
import dev.aiguard.api.SecurityEvent;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts stage failures (errors and budget overruns) per stage from the guard's events, for the actuator endpoint.
 * Memory follows the policy's stage names, which are few.
 */
public final class StageHealth implements EventSink {

    /** Failures of one stage since start. */
    public static final class Counts {
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong overruns = new AtomicLong();
        private final AtomicReference<Instant> lastFailure = new AtomicReference<>();

        public long errors() {
            return errors.get();
        }

        public long overruns() {
            return overruns.get();
        }

        /** When the stage last failed, or {@code null}. */
        public Instant lastFailure() {
            return lastFailure.get();
        }
    }

    private final Map<String, Counts> byStage = new ConcurrentHashMap<>();

    @Override
    public void publish(SecurityEvent event) {
        if (event.type() != EventType.STAGE_FAILURE || event.blockingStage() == null) {
            return;
        }
        Counts c = byStage.computeIfAbsent(event.blockingStage(), s -> new Counts());
        if (Guard.STAGE_OVERRUN_RULE.equals(event.reason())) {
            c.overruns.incrementAndGet();
        } else {
            c.errors.incrementAndGet();
        }
        c.lastFailure.set(event.time());
    }

    /** The failures of {@code stage}; zeros when it never failed. */
    public Counts of(String stage) {
        Counts c = byStage.get(stage);
        return c == null ? new Counts() : c;
    }
}
