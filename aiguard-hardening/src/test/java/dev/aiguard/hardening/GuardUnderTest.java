package dev.aiguard.hardening;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.SecurityEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A guard built from policy text whose stage-failure events are kept in memory, so a test can tell a clean verdict
 * from one where a stage threw or overran (an {@link EventType#STAGE_FAILURE} event): the guard never lets a stage's
 * exception reach the host, so that event is the only trace of an internal error. Other events are only counted, so
 * long runs (the soak) hold no per-request state of their own.
 */
public final class GuardUnderTest implements AutoCloseable {

    private final List<SecurityEvent> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private final Guard guard;

    private GuardUnderTest(GuardConfig loaded) {
        EventSink recorder = event -> {
            events.incrementAndGet();
            if (event.type() == EventType.STAGE_FAILURE) {
                failures.add(event);
            }
        };
        GuardConfig.Builder builder = GuardConfig.builder().version(loaded.version()).mode(loaded.mode())
                .events(loaded.events()).maxBodyBytes(loaded.maxBodyBytes()).sink(recorder);
        loaded.stages().forEach(builder::stage);
        this.guard = Guard.create(builder.build());
    }

    /** Loads {@code yaml} (named {@code name} in errors) with its own sinks replaced by the in-memory recorder. */
    public static GuardUnderTest fromPolicy(String name, String yaml) throws PolicyException {
        return new GuardUnderTest(PolicyLoader.create().load(name, yaml).toGuardConfig());
    }

    public Guard guard() {
        return guard;
    }

    /** Stage failures (a stage threw or overran its budget) recorded so far. */
    public List<SecurityEvent> stageFailures() {
        return List.copyOf(failures);
    }

    /** How many events of any type the guard published. */
    public long eventCount() {
        return events.get();
    }

    @Override
    public void close() {
        guard.close();
    }
}
