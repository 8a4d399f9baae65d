package dev.aiguard.waf.internal.transform;

/** {@code t:length}: the number of bytes, in decimal. */
final class Length implements Transformation {

    @Override
    public String name() {
        return "length";
    }

    @Override
    public String apply(String input) {
        return ByteStrings.sameIfEqual(input, Integer.toString(input.length()));
    }
}
