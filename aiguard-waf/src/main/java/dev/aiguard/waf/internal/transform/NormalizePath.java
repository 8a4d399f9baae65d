package dev.aiguard.waf.internal.transform;

/**
 * {@code t:normalizePath} ({@code normalisePath}) and {@code t:normalizePathWin}
 * ({@code normalisePathWin}, which first turns every backslash into a slash).
 *
 * <p>Collapses runs of {@code /}, removes {@code .} segments and resolves {@code ..} against the
 * previous segment, matching ModSecurity's results:
 * <ul>
 * <li>an absolute path never goes above the root ({@code /../etc} is {@code /etc});</li>
 * <li>a relative path keeps the {@code ..} it cannot resolve ({@code a/../../b} is {@code ../b}) and
 * loses its leading {@code ./};</li>
 * <li>a trailing slash is kept only if the input had one ({@code /.} and {@code /..} become the empty
 * string, not {@code /});</li>
 * <li>like ModSecurity, a segment counts as a back-reference when it <em>ends</em> in {@code ..}:
 * {@code ...} or {@code x..} (three or more bytes) removes itself but not the segment before it,
 * while an unresolvable {@code x..} or {@code ...} at the very start of a relative path is kept;
 * and resolving {@code ..} pops whatever segment precedes it, even a kept {@code ..}
 * ({@code ../a/../..} becomes the empty string).</li>
 * </ul>
 */
final class NormalizePath implements Transformation {

    private final boolean windows;

    private NormalizePath(boolean windows) {
        this.windows = windows;
    }

    static NormalizePath unix() {
        return new NormalizePath(false);
    }

    static NormalizePath windows() {
        return new NormalizePath(true);
    }

    @Override
    public String name() {
        return windows ? "normalizePathWin" : "normalizePath";
    }

    @Override
    public String apply(String input) {
        if (input.isEmpty()) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        if (windows) {
            for (int i = 0; i < in.length; i++) {
                if (in[i] == '\\') {
                    in[i] = '/';
                }
            }
        }
        Output out = new Output(in[0] != '/', in.length);
        int i = 0;
        while (i < in.length) {
            if (in[i] == '/') {
                while (i + 1 < in.length && in[i + 1] == '/') {
                    i++;
                }
                out.slash();
                i++;
            } else {
                int end = i;
                while (end < in.length && in[end] != '/') {
                    end++;
                }
                out.segment(in, i, end, end == in.length);
                i = end;
            }
        }
        boolean trailingSlash = in[in.length - 1] == '/';
        out.dropTrailingSlashUnless(trailingSlash);
        return ByteStrings.sameIfEqual(input, ByteStrings.string(out.bytes, out.length));
    }

    /** The path being built, and whether resolution has reached the start of a relative path. */
    private static final class Output {
        final boolean relative;
        final byte[] bytes;
        int length;
        boolean atRelativeRoot;

        Output(boolean relative, int capacity) {
            this.relative = relative;
            this.bytes = new byte[capacity];
        }

        /** One separator; a relative path never starts with one. */
        void slash() {
            if (!(relative && length == 0)) {
                bytes[length++] = '/';
            }
        }

        /** The segment {@code in[start..end)}, never empty. */
        void segment(byte[] in, int start, int end, boolean last) {
            for (int k = start; k < end - 1; k++) {
                bytes[length++] = in[k];
            }
            byte tail = in[end - 1];
            if (tail != '.') {
                if (length > 0) {
                    atRelativeRoot = false;
                }
                bytes[length++] = tail;
            } else if (length > 0 && bytes[length - 1] == '.') {
                backReference(last);
            } else if (length == 0) {
                return; // leading "." of a relative path: dropped
            } else if (bytes[length - 1] == '/') {
                if (!last) {
                    length--; // "/." inside the path: the next slash replaces this one
                }
            } else {
                bytes[length++] = tail; // e.g. "x."
            }
        }

        /** The segment written so far ends in "." and its last byte is another ".". */
        private void backReference(boolean last) {
            if (relative && (atRelativeRoot || length <= 2)) {
                atRelativeRoot = true;
                bytes[length++] = '.';
                return;
            }
            int cut = length - 3;
            while (cut > 0 && bytes[cut] != '/') {
                cut--;
            }
            if (cut <= 0) {
                atRelativeRoot = true;
                cut = !relative && last ? 1 : 0;
            }
            length = cut;
        }

        void dropTrailingSlashUnless(boolean inputHadOne) {
            if (!inputHadOne && length > 0 && bytes[length - 1] == '/') {
                length--;
            }
        }
    }
}
