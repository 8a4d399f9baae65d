package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Throttle;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one exchange holds from admission to completion: budget charges and an in-flight slot. Settled exactly once.
 *
 * @param estimate the reserved estimate
 * @param model    the model named by the request
 * @param path     the request path
 * @param charges  units taken per bucket (empty when the backend was down and the stage failed open)
 * @param slotKey  the in-flight key holding a slot, or {@code null}
 * @param settled  set once the reservation is reconciled
 * @param throttle the throttle applied at admission (the actual usage is scaled the same way), or {@code null}
 */
public record Reservation(CostEstimate estimate, String model, String path, List<Charge> charges, String slotKey,
                          AtomicBoolean settled, Throttle throttle) {

    public Reservation {
        charges = List.copyOf(charges);
    }
}
