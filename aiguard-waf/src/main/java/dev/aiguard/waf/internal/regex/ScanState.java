package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import org.bytedeco.javacpp.BytePointer;

import java.nio.ByteBuffer;

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
