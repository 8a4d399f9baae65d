package dev.aiguard.api.internal.policy;

import dev.aiguard.api.EventSinkFactory;
import dev.aiguard.api.StageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The stage and sink factories a loader knows, by {@code type}: those registered with {@link ServiceLoader}, then
 * those given explicitly (which win over a service of the same type).
 *
 * @param stages stage factories by type, sorted
 * @param sinks  sink factories by type, sorted
 */
public record Factories(Map<String, StageFactory<?>> stages, Map<String, EventSinkFactory<?>> sinks) {

    private static final Logger LOG = LoggerFactory.getLogger(Factories.class);

    public Factories {
        stages = java.util.Collections.unmodifiableMap(new TreeMap<>(stages));
        sinks = java.util.Collections.unmodifiableMap(new TreeMap<>(sinks));
    }

    /** Discovers factories with {@code loader} and adds the explicit ones. */
    @SuppressWarnings("rawtypes")
    public static Factories discover(ClassLoader loader, Collection<StageFactory<?>> extraStages,
                                     Collection<EventSinkFactory<?>> extraSinks) {
        Map<String, StageFactory<?>> stages = new TreeMap<>();
        for (StageFactory<?> f : services(StageFactory.class, loader)) {
            stages.putIfAbsent(f.type(), f);
        }
        extraStages.forEach(f -> stages.put(f.type(), f));
        Map<String, EventSinkFactory<?>> sinks = new TreeMap<>();
        for (EventSinkFactory<?> f : services(EventSinkFactory.class, loader)) {
            sinks.putIfAbsent(f.type(), f);
        }
        extraSinks.forEach(f -> sinks.put(f.type(), f));
        return new Factories(stages, sinks);
    }

    /** Loads services one by one, so one broken jar does not hide the others. */
    private static <T> java.util.List<T> services(Class<T> type, ClassLoader loader) {
        java.util.List<T> out = new java.util.ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return out;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("AIGuard could not load a {}: {}", type.getSimpleName(), e.getMessage());
            }
        }
    }
}
