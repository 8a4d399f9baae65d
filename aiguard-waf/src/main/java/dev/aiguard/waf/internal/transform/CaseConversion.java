package dev.aiguard.waf.internal.transform;

/**
 * {@code t:lowercase} and {@code t:uppercase}. Only ASCII letters change, as with C
 * {@code tolower}/{@code toupper} in the "C" locale ModSecurity runs in; bytes 0x80-0xFF stay.
 */
final class CaseConversion implements Transformation {

    private final boolean toLower;

    private CaseConversion(boolean toLower) {
        this.toLower = toLower;
    }

    static CaseConversion lower() {
        return new CaseConversion(true);
    }

    static CaseConversion upper() {
        return new CaseConversion(false);
    }

    @Override
    public String name() {
        return toLower ? "lowercase" : "uppercase";
    }

    @Override
    public String apply(String input) {
        int first = firstToChange(input);
        if (first < 0) {
            return input;
        }
        byte[] bytes = ByteStrings.bytes(input);
        for (int i = first; i < bytes.length; i++) {
            if (needsChange(bytes[i])) {
                bytes[i] ^= 0x20; // ASCII letters differ in case by bit 5 only
            }
        }
        return ByteStrings.string(bytes, bytes.length);
    }

    private int firstToChange(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (needsChange(input.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean needsChange(int c) {
        return toLower ? c >= 'A' && c <= 'Z' : c >= 'a' && c <= 'z';
    }
}
