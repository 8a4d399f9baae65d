package dev.aiguard.waf.internal.transform;

/** {@code t:trim}, {@code t:trimLeft}, {@code t:trimRight}: strip C {@code isspace} bytes from the ends. */
final class Trim implements Transformation {

    private final String name;
    private final boolean left;
    private final boolean right;

    private Trim(String name, boolean left, boolean right) {
        this.name = name;
        this.left = left;
        this.right = right;
    }

    static Trim both() {
        return new Trim("trim", true, true);
    }

    static Trim left() {
        return new Trim("trimLeft", true, false);
    }

    static Trim right() {
        return new Trim("trimRight", false, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String apply(String input) {
        int start = 0;
        int end = input.length();
        if (left) {
            while (start < end && ByteStrings.isSpace(input.charAt(start))) {
                start++;
            }
        }
        if (right) {
            while (end > start && ByteStrings.isSpace(input.charAt(end - 1))) {
                end--;
            }
        }
        return input.substring(start, end);
    }
}
