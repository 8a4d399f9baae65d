package dev.aiguard.cli.internal.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests, blocks and tokens per fixed time bucket over a sliding window (e.g. 60 buckets of 10 s); thread-safe,
 * fixed memory. Buckets are keyed by their start so a quiet period reads as zeros.
 */
final class TimeSeries {

    /** One bucket as shown on the charts. */
    record Point(long startMillis, long requests, long blocks, long tokens) {
    }

    private final long bucketMillis;
    private final long[] starts;
    private final long[] requests;
    private final long[] blocks;
    private final long[] tokens;

    TimeSeries(long bucketMillis, int buckets) {
        this.bucketMillis = bucketMillis;
        this.starts = new long[buckets];
        this.requests = new long[buckets];
        this.blocks = new long[buckets];
        this.tokens = new long[buckets];
    }

    synchronized void add(long timeMillis, boolean blocked, long tokenCount) {
        int i = slot(timeMillis);
        requests[i]++;
        blocks[i] += blocked ? 1 : 0;
        tokens[i] += Math.max(0, tokenCount);
    }

    private int slot(long timeMillis) {
        long start = Math.floorDiv(timeMillis, bucketMillis) * bucketMillis;
        int i = (int) Math.floorMod(Math.floorDiv(timeMillis, bucketMillis), (long) starts.length);
        if (starts[i] != start) {
            starts[i] = start;
            requests[i] = 0;
            blocks[i] = 0;
            tokens[i] = 0;
        }
        return i;
    }

    /** The window ending at {@code nowMillis}, oldest first (buckets without traffic are zeros). */
    synchronized List<Point> window(long nowMillis) {
        List<Point> out = new ArrayList<>(starts.length);
        long last = Math.floorDiv(nowMillis, bucketMillis) * bucketMillis;
        for (int k = starts.length - 1; k >= 0; k--) {
            long start = last - k * bucketMillis;
            int i = (int) Math.floorMod(Math.floorDiv(start, bucketMillis), (long) starts.length);
            boolean live = starts[i] == start;
            out.add(new Point(start, live ? requests[i] : 0, live ? blocks[i] : 0, live ? tokens[i] : 0));
        }
        return out;
    }

    long bucketMillis() {
        return bucketMillis;
    }
}
