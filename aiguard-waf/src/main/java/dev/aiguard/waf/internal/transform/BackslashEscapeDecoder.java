package dev.aiguard.waf.internal.transform;

/**
 * The common frame of the backslash-escape transformations ({@code escapeSeqDecode}, {@code jsDecode},
 * {@code cssDecode}): bytes outside escapes are copied, each backslash hands over to {@link #decodeEscape}. Every
 * escape decodes to at most as many bytes as it spans, so the output never outgrows the input.
 */
abstract class BackslashEscapeDecoder implements Transformation {

    @Override
    public final String apply(String input) {
        if (input.indexOf('\\') < 0) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        Output out = new Output(in.length);
        int i = 0;
        while (i < in.length) {
            i = in[i] == '\\' ? decodeEscape(in, i, out) : out.copy(in, i);
        }
        return ByteStrings.result(input, in, out.bytes, out.length);
    }

    /**
     * Decodes the escape whose backslash is at {@code backslash} (possibly the last byte), writes its bytes to
     * {@code out} and returns the index after it.
     */
    abstract int decodeEscape(byte[] in, int backslash, Output out);

    /** The decoded bytes so far. */
    static final class Output {
        private final byte[] bytes;
        private int length;

        private Output(int capacity) {
            bytes = new byte[capacity];
        }

        /** Appends one byte (the low 8 bits of {@code b}). */
        void put(int b) {
            bytes[length++] = (byte) b;
        }

        /** Appends {@code in[index]} and returns the next index. */
        int copy(byte[] in, int index) {
            put(in[index]);
            return index + 1;
        }
    }
}
