package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import com.gliwka.hyperscan.jni.match_event_handler;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One thread's Hyperscan scan state: its clone of the engine's scratch and a reused direct buffer that
 * holds the input bytes, so a scan allocates nothing. Used by one thread only (freed by the engine).
 */
final class ScanState {

    private static final int INITIAL_CAPACITY = 1024;

    hs_scratch_t scratch = new hs_scratch_t();
    int generation = -1;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
    private BytePointer data = new BytePointer(buffer);
    private IdCollector collector;

    /** Copies the input's bytes into the buffer and returns their count. */
    int load(String input) {
        int n = input.length();
        if (n > buffer.capacity()) {
            buffer = ByteBuffer.allocateDirect(Math.max(n, buffer.capacity() * 2));
            data = new BytePointer(buffer);
        }
        for (int i = 0; i < n; i++) {
            buffer.put(i, (byte) ByteText.byteAt(input, i));
        }
        return n;
    }

    BytePointer data() {
        return data;
    }

    /** This thread's callback that records matching expression ids (created on first use). */
    IdCollector collector() {
        if (collector == null) {
            collector = new IdCollector();
        }
        return collector;
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

    /**
     * Records the id of every match and lets the scan go on. With {@code SINGLEMATCH} each id is
     * reported once, so the count is bounded by the database's expression count.
     */
    static final class IdCollector extends match_event_handler {
        private int[] ids = new int[8];
        private int count;

        void reset() {
            count = 0;
        }

        @Override
        public int call(int id, long from, long to, int flags, Pointer context) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
            return 0;
        }

        /** The ids seen since {@link #reset()}, ascending and distinct. */
        int[] ids() {
            int[] out = Arrays.copyOf(ids, count);
            Arrays.sort(out);
            return out;
        }
    }
}
