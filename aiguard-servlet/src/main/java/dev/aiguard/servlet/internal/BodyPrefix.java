package dev.aiguard.servlet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The first bytes of a request body, read for inspection.
 *
 * @param bytes     what was read: at most the limit plus one byte (the extra byte proves the body is longer)
 * @param length    how many bytes of {@code bytes} are valid
 * @param truncated whether the body goes on beyond the limit
 * @param limit     the inspection limit
 */
public record BodyPrefix(byte[] bytes, int length, boolean truncated, int limit) {

    private static final BodyPrefix EMPTY = new BodyPrefix(new byte[0], 0, false, 0);

    /** No body. */
    public static BodyPrefix empty() {
        return EMPTY;
    }

    /**
     * Reads up to {@code limit + 1} bytes. The array grows with what arrives, so a small body costs a small array
     * whatever the limit; a declared length only sizes the first allocation.
     */
    public static BodyPrefix read(InputStream in, int limit, long declaredLength) throws IOException {
        // One byte past the limit tells a body of exactly the limit from a longer one; kept below the array size cap.
        int cap = (int) Math.min((long) limit + 1, Integer.MAX_VALUE - 8);
        int initial = declaredLength >= 0 ? (int) Math.min(declaredLength + 1, cap) : Math.min(cap, 8192);
        byte[] buf = new byte[Math.max(initial, 1)];
        int length = 0;
        while (length < cap) {
            if (length == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, cap));
            }
            int n = in.read(buf, length, buf.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return new BodyPrefix(buf, length, length > limit || (length == cap && cap <= limit), limit);
    }

    /** The bytes the guard inspects: all of them, or the first {@code limit} when truncated. */
    public byte[] inspected() {
        int n = truncated ? Math.min(limit, length) : length;
        return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
    }
}
