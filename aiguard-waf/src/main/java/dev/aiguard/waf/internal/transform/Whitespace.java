package dev.aiguard.waf.internal.transform;

/**
 * {@code t:removeWhitespace} and {@code t:compressWhitespace}, as libmodsecurity 3 does them.
 * Whitespace is C {@code isspace} (space, \t, \n, \v, \f, \r); {@code removeWhitespace} also
 * removes the non-breaking space 0xA0, while {@code compressWhitespace} leaves it alone (ModSecurity
 * v2 treated it as whitespace in both). {@code compressWhitespace} replaces each run with one space.
 */
final class Whitespace implements Transformation {

    private final boolean remove;

    private Whitespace(boolean remove) {
        this.remove = remove;
    }

    static Whitespace remove() {
        return new Whitespace(true);
    }

    static Whitespace compress() {
        return new Whitespace(false);
    }

    @Override
    public String name() {
        return remove ? "removeWhitespace" : "compressWhitespace";
    }

    private static boolean isWhitespace(int c) {
        return ByteStrings.isSpace(c);
    }

    @Override
    public String apply(String input) {
        return remove ? removeAll(input) : compress(input);
    }

    private static String removeAll(String input) {
        StringBuilder out = null;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            boolean drop = isWhitespace(c) || c == 0xa0;
            if (drop && out == null) {
                out = new StringBuilder(input.length()).append(input, 0, i);
            } else if (!drop && out != null) {
                out.append(c);
            }
        }
        return out == null ? input : out.toString();
    }

    private static String compress(String input) {
        if (!needsCompression(input)) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        boolean inSpace = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (!isWhitespace(c)) {
                out.append(c);
                inSpace = false;
            } else if (!inSpace) {
                out.append(' ');
                inSpace = true;
            }
        }
        return out.toString();
    }

    /** True if some whitespace is not a lone space. */
    private static boolean needsCompression(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (isWhitespace(c) && (c != ' ' || (i + 1 < input.length() && isWhitespace(input.charAt(i + 1))))) {
                return true;
            }
        }
        return false;
    }
}
