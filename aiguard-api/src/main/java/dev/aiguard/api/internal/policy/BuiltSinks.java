package dev.aiguard.api.internal.policy;

import dev.aiguard.api.EventSink;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Remembers which configuration each sink a loader built came from, so a reload can keep a running sink whose
 * configuration did not change instead of opening a second one (two writers appending to one events file would
 * interleave). Weak keys: sinks the guard dropped are forgotten with them.
 */
public final class BuiltSinks {

    /**
     * What makes two sinks interchangeable.
     *
     * @param type          the sink type
     * @param config        its bound configuration (records compare by value)
     * @param baseDirectory where its relative paths resolve
     */
    public record Key(String type, Object config, Path baseDirectory) {
    }

    private final Map<EventSink, Key> keys = Collections.synchronizedMap(new WeakHashMap<>());

    void record(EventSink sink, Key key) {
        keys.put(sink, key);
    }

    /** A sink among {@code running} built from {@code key} and not in {@code taken}, or {@code null}. */
    EventSink find(Key key, List<EventSink> running, List<EventSink> taken) {
        for (EventSink sink : running) {
            if (key.equals(keys.get(sink)) && taken.stream().noneMatch(t -> t == sink)) {
                return sink;
            }
        }
        return null;
    }
}
