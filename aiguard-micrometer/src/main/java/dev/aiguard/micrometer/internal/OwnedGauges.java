package dev.aiguard.micrometer.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A set of gauge rows of one name (one per tag set) that one binder owns. Unlike Micrometer's {@code MultiGauge}, it
 * never removes a row another binder registered under the same id: when a binder is replaced (a policy reload builds
 * the new one before the old one is closed), the new one {@linkplain #takeOver takes the name over} and the old one's
 * {@link #clear} then leaves the new rows alone. Rows found missing are registered again on the next {@link #set}.
 */
public final class OwnedGauges {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String baseUnit;
    /** Our rows: tags to the cell the gauge reads and the gauge registered for it. Guarded by {@code this}. */
    private final Map<Tags, Row> rows = new HashMap<>();

    private record Row(double[] cell, Gauge gauge) {
    }

    public OwnedGauges(MeterRegistry registry, String name, String description, String baseUnit) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
    }

    /** Removes every meter named {@code name} from {@code registry}, whoever registered it. */
    public static void takeOver(MeterRegistry registry, String name) {
        for (Meter m : registry.find(name).meters()) {
            registry.remove(m);
        }
    }

    /** Makes the rows exactly {@code values}: updates kept rows, registers new ones, removes ours that are gone. */
    public synchronized void set(Map<Tags, Double> values) {
        Iterator<Map.Entry<Tags, Row>> it = rows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Tags, Row> e = it.next();
            if (!values.containsKey(e.getKey())) {
                removeIfOurs(e.getValue().gauge());
                it.remove();
            }
        }
        values.forEach((tags, value) -> {
            Row row = rows.get(tags);
            if (row == null || registry.find(name).tags(tags).gauge() != row.gauge()) {
                double[] cell = new double[1];
                Gauge gauge = Gauge.builder(name, cell, c -> c[0]).strongReference(true).description(description)
                        .baseUnit(baseUnit).tags(tags).register(registry);
                row = new Row(cell, gauge);
                rows.put(tags, row);
            }
            row.cell()[0] = value;
        });
    }

    /** Removes our rows (those still registered as ours). */
    public synchronized void clear() {
        for (Row row : rows.values()) {
            removeIfOurs(row.gauge());
        }
        rows.clear();
    }

    private void removeIfOurs(Gauge gauge) {
        if (registry.find(name).tags(gauge.getId().getTagsAsIterable()).gauge() == gauge) {
            registry.remove(gauge);
        }
    }
}
