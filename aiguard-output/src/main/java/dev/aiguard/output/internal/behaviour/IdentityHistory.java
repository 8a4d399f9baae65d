package dev.aiguard.output.internal.behaviour;

/**
 * One identity's recent requests as a ring of {@value #CAPACITY} sketches (never prompt text), plus a running baseline
 * of its prompt sizes. Fixed size whatever the traffic: see {@link #approximateBytes()}. Guarded by its own monitor.
 */
final class IdentityHistory {

    static final int CAPACITY = 24;
    static final int BLOCKED = 1;
    static final int EXTRACTION = 2;

    /** Hamming distance of SimHashes at or under which two prompts are near-duplicates (unrelated prompts sit near 32). */
    static final int NEAR = 16;

    private final long[] times = new long[CAPACITY];
    private final long[] sims = new long[CAPACITY];
    private final long[] seqs = new long[CAPACITY];
    private final int[] words = new int[CAPACITY * PromptSketch.SLOTS];
    private final int[] wordCounts = new int[CAPACITY];
    private final byte[] flags = new byte[CAPACITY];
    private long next;
    private double meanChars;
    private double varChars;
    private long sized;

    /** Evaluates a new request against the history, then records it; returns its signals and its sequence number. */
    synchronized Evaluation record(PromptSketch sketch, long nowMillis, long windowMillis, int minRequests) {
        int requests = 1;
        int dups = 0;
        int enumeration = 0;
        int extraction = 0;
        int blocked = 0;
        int held = (int) Math.min(next, CAPACITY);
        for (int k = 0; k < held; k++) {
            if (nowMillis - times[k] > windowMillis) {
                continue;
            }
            requests++;
            if ((flags[k] & BLOCKED) != 0) {
                blocked++;
            }
            if ((flags[k] & EXTRACTION) != 0) {
                extraction++;
            }
            if (sketch.isEmpty() || wordCounts[k] == 0) {
                continue;
            }
            if (Long.bitCount(sims[k] ^ sketch.simHash()) <= NEAR) {
                dups++;
            }
            if (differsInOneWord(k, sketch)) {
                enumeration++;
            }
        }
        double z = costZ(sketch.chars());
        Signals signals = requests < minRequests
                ? new Signals(requests, dups, enumeration, extraction, 0, z, 0)
                : score(requests, dups, enumeration, extraction, requests > 1 ? blocked / (double) (requests - 1) : 0, z);
        long seq = add(sketch, nowMillis);
        return new Evaluation(signals, seq);
    }

    /** The signals with their weights, combined as a noisy-OR: any one strong signal is enough, several add up. */
    private static Signals score(int requests, int dups, int enumeration, int extraction, double blockedRatio, double z) {
        double sDup = clamp((dups - 2) / 4.0);
        double sEnum = clamp((enumeration - 1) / 3.0);
        double sExtract = clamp(extraction / 3.0);
        double sBlocked = clamp((blockedRatio - 0.2) / 0.5);
        double sCost = clamp((z - 3) / 3.0);
        double keep = (1 - 0.6 * sDup) * (1 - 0.8 * sEnum) * (1 - 0.9 * sExtract) * (1 - 0.6 * sBlocked)
                * (1 - 0.4 * sCost);
        return new Signals(requests, dups, enumeration, extraction, blockedRatio, z, 1 - keep);
    }

    private boolean differsInOneWord(int k, PromptSketch sketch) {
        if (wordCounts[k] != sketch.wordCount() || sketch.wordCount() < 2) {
            return false;
        }
        int compared = Math.min(sketch.wordCount(), PromptSketch.SLOTS);
        int diff = 0;
        for (int i = 0; i < compared && diff < 2; i++) {
            if (words[k * PromptSketch.SLOTS + i] != sketch.words()[i]) {
                diff++;
            }
        }
        // Words past the compared slots must agree too, as far as the SimHash can tell.
        boolean tailClose = sketch.wordCount() <= PromptSketch.SLOTS || Long.bitCount(sims[k] ^ sketch.simHash()) <= NEAR;
        return diff == 1 && tailClose;
    }

    private long add(PromptSketch sketch, long nowMillis) {
        int k = (int) (next % CAPACITY);
        long seq = next++;
        times[k] = nowMillis;
        sims[k] = sketch.simHash();
        seqs[k] = seq;
        wordCounts[k] = sketch.wordCount();
        flags[k] = 0;
        java.util.Arrays.fill(words, k * PromptSketch.SLOTS, (k + 1) * PromptSketch.SLOTS, 0);
        System.arraycopy(sketch.words(), 0, words, k * PromptSketch.SLOTS, sketch.words().length);
        if (!sketch.isEmpty()) {
            updateBaseline(sketch.chars());
        }
        return seq;
    }

    /** Marks a recorded request (blocked, extraction attempt) once its outcome is known; ignored if already overwritten. */
    synchronized void mark(long seq, int flag) {
        int k = (int) (seq % CAPACITY);
        if (seqs[k] == seq && next > seq) {
            flags[k] |= (byte) flag;
        }
    }

    /** Standard deviations above this identity's mean prompt size (0 until it has a baseline of 10 prompts). */
    private double costZ(int chars) {
        if (sized < 10) {
            return 0;
        }
        double sd = Math.sqrt(Math.max(varChars, 1));
        return Math.max(0, (chars - meanChars) / Math.max(sd, meanChars * 0.1 + 1));
    }

    /** Exponentially weighted mean and variance (alpha 0.1): a baseline that follows the identity slowly. */
    private void updateBaseline(int chars) {
        sized++;
        if (sized == 1) {
            meanChars = chars;
            return;
        }
        double alpha = 0.1;
        double d = chars - meanChars;
        meanChars += alpha * d;
        varChars = (1 - alpha) * (varChars + alpha * d * d);
    }

    /** Heap bytes of one history: its arrays plus object headers and fields (64-bit JVM, compressed oops). */
    static long approximateBytes() {
        long arrays = 3 * (16 + 8L * CAPACITY) + (16 + 4L * CAPACITY * PromptSketch.SLOTS) + (16 + 4L * CAPACITY)
                + (16 + CAPACITY);
        long object = 12 + 7 * 4 + 4 * 8;
        return arrays + object;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The signals of a recorded request and the sequence number to {@link #mark} it with. */
    record Evaluation(Signals signals, long seq) {
    }
}
