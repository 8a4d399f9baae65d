package dev.aiguard.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Immutable, ordered, multi-valued HTTP headers with case-insensitive names.
 *
 * <p>The original order and spelling of every header line are kept (the WAF needs them); look-ups ignore case.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(List.of());

    private final List<Header> lines;
    private final Map<String, List<String>> byName;

    private Headers(List<Header> lines) {
        this.lines = List.copyOf(lines);
        Map<String, List<String>> index = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header line : this.lines) {
            index.computeIfAbsent(line.name(), k -> new ArrayList<>(1)).add(line.value());
        }
        index.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.byName = Collections.unmodifiableMap(index);
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from name/value lines, in order. */
    public static Headers of(List<Header> lines) {
        return lines.isEmpty() ? EMPTY : new Headers(lines);
    }

    /** Headers from alternating names and values: {@code Headers.of("Host", "a", "Accept", "b")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Header> lines = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            lines.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(lines);
    }

    /** Every header line in the order received. */
    public List<Header> lines() {
        return lines;
    }

    /** The first value of a header, ignoring the name's case. */
    public Optional<String> first(String name) {
        List<String> values = byName.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a header, ignoring the name's case; empty when absent. */
    public List<String> all(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Whether a header is present, ignoring the name's case. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Distinct header names (first spelling seen), case-insensitively ordered. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** Number of header lines. */
    public int size() {
        return lines.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && lines.equals(other.lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + lines.stream().map(h -> h.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** One header line. */
    public record Header(String name, String value) {
        public Header {
            if (name == null || value == null) {
                throw new IllegalArgumentException("header name and value must not be null");
            }
        }
    }
}
