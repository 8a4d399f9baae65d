package dev.aiguard.cli.internal.console;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Named counters with a fixed set of columns (e.g. per identity: requests, blocks, tokens). Bounded: past
 * {@code maxKeys} names, further names are folded into {@value #OTHER}.
 */
final class Tally {

    /** The name that absorbs keys past the bound. */
    static final String OTHER = "(other)";

    /** One row. */
    record Row(String key, long[] values) {
        long get(int column) {
            return values[column];
        }
    }

    private final int columns;
    private final int maxKeys;
    private final Map<String, long[]> rows = new HashMap<>();

    Tally(int columns, int maxKeys) {
        this.columns = columns;
        this.maxKeys = maxKeys;
    }

    synchronized void add(String key, int column, long amount) {
        String k = rows.containsKey(key) || rows.size() < maxKeys ? key : OTHER;
        rows.computeIfAbsent(k, x -> new long[columns])[column] += amount;
    }

    /** The top {@code limit} rows by {@code column} (ties by name), only rows where it is > 0. */
    synchronized List<Row> top(int column, int limit) {
        ToLongFunction<Map.Entry<String, long[]>> value = e -> e.getValue()[column];
        return rows.entrySet().stream().filter(e -> e.getValue()[column] > 0)
                .sorted(Comparator.comparingLong(value).reversed().thenComparing(Map.Entry::getKey))
                .limit(limit).map(e -> new Row(e.getKey(), e.getValue().clone())).toList();
    }

    /** Every row, sorted by name. */
    synchronized List<Row> all() {
        return rows.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Row(e.getKey(), e.getValue().clone())).toList();
    }
}
