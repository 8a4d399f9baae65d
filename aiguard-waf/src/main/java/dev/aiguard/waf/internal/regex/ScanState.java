package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import org.bytedeco.javacpp.BytePointer;

import java.nio.ByteBuffer;

/**
 * One thread's Hyperscan scan state: its clone of the engine's scratch and a few reused direct buffers that hold
 * the bytes of the inputs scanned most recently, so a scan allocates nothing and an input scanned again (the CRS
 * runs dozens of rules over each value of a request, value after value) is not copied again. Inputs are recognised
 * by identity: strings are immutable, so the same instance has the same bytes. Used by one thread only (freed by
 * the engine); what it holds is bounded by {@link #SLOTS} inputs.
 */
final class ScanState {

    /** Inputs kept loaded: more than the values of a typical request, so rules after the first find theirs. */
    static final int SLOTS = 16;
    private static final int INITIAL_CAPACITY = 1024;

    hs_scratch_t scratch = new hs_scratch_t();
    int generation = -1;
    private final Slot[] slots = new Slot[SLOTS];
    private long clock;

    /** One loaded input: its bytes in a direct buffer. */
    private static final class Slot {
        String input;
        long lastUse;
        ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        BytePointer data = new BytePointer(buffer);

        void load(String value) {
            int n = value.length();
            if (n > buffer.capacity()) {
                buffer = ByteBuffer.allocateDirect(Math.max(n, buffer.capacity() * 2));
                data = new BytePointer(buffer);
            }
            for (int i = 0; i < n; i++) {
                buffer.put(i, (byte) ByteText.byteAt(value, i));
            }
            input = value;
        }
    }

    /** The input's bytes in native memory (copied unless they are loaded already); scan {@code input.length()} of them. */
    BytePointer load(String input) {
        long now = ++clock;
        Slot oldest = null;
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots[i];
            if (s == null) {
                s = new Slot();
                slots[i] = s;
            }
            if (s.input == input) {
                s.lastUse = now;
                return s.data;
            }
            if (oldest == null || s.lastUse < oldest.lastUse) {
                oldest = s;
            }
        }
        oldest.load(input);
        oldest.lastUse = now;
        return oldest.data;
    }

    void replaceScratch(hs_scratch_t fresh, int freshGeneration) {
        free();
        scratch = fresh;
        generation = freshGeneration;
    }

    void free() {
        if (!scratch.isNull()) {
            hyperscan.hs_free_scratch(scratch);
            scratch = new hs_scratch_t();
        }
    }
}
