package dev.aiguard.waf.internal.transform;

/** {@code t:hexEncode}: each byte as two lower-case hex digits. */
final class HexEncode implements Transformation {

    private static final String DIGITS = "0123456789abcdef";

    @Override
    public String name() {
        return "hexEncode";
    }

    @Override
    public String apply(String input) {
        StringBuilder out = new StringBuilder(input.length() * 2);
        for (int i = 0; i < input.length(); i++) {
            int b = input.charAt(i) & 0xff;
            out.append(DIGITS.charAt(b >> 4)).append(DIGITS.charAt(b & 0x0f));
        }
        return ByteStrings.sameIfEqual(input, out.toString());
    }
}
