package dev.aiguard.llm.internal.usage;

import java.util.Arrays;

/**
 * Splits a byte stream fed in arbitrary chunks into lines ending in LF, CRLF or CR (as SSE allows), keeping at most
 * {@code maxLineBytes} of one line: a longer line is dropped whole and counted, so memory stays bounded whatever the
 * stream holds. Not thread-safe (one per stream).
 */
public final class LineSplitter {

    /** Receives complete lines (without terminator); the array is reused after the call returns. */
    public interface LineSink {
        void line(byte[] buffer, int length);
    }

    private final int maxLineBytes;
    private final LineSink sink;
    private byte[] buffer = new byte[256];
    private int length;
    private boolean overflow;
    private boolean afterCr;
    private long droppedLines;

    public LineSplitter(int maxLineBytes, LineSink sink) {
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                endLine();
            } else {
                append(b);
            }
        }
    }

    /** Delivers a final line that had no terminator. */
    public void finish() {
        if (length > 0 || overflow) {
            endLine();
        }
    }

    /** Lines dropped because they exceeded the limit. */
    public long droppedLines() {
        return droppedLines;
    }

    private void append(byte b) {
        if (overflow) {
            return;
        }
        if (length == maxLineBytes) {
            overflow = true;
            return;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
        }
        buffer[length++] = b;
    }

    private void endLine() {
        if (overflow) {
            droppedLines++;
        } else {
            sink.line(buffer, length);
        }
        length = 0;
        overflow = false;
    }
}
