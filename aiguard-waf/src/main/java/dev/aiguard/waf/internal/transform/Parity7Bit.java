package dev.aiguard.waf.internal.transform;

/**
 * {@code t:parityEven7bit}, {@code t:parityOdd7bit}, {@code t:parityZero7bit}: set bit 7 of each
 * byte as a parity bit over the byte (even or odd), or clear it (zero). As in ModSecurity, the parity
 * is computed over all eight bits of the input byte, so for bytes that already have bit 7 set the
 * result is not a textbook parity bit.
 */
final class Parity7Bit implements Transformation {

    private enum Kind { EVEN, ODD, ZERO }

    private final Kind kind;

    private Parity7Bit(Kind kind) {
        this.kind = kind;
    }

    static Parity7Bit even() {
        return new Parity7Bit(Kind.EVEN);
    }

    static Parity7Bit odd() {
        return new Parity7Bit(Kind.ODD);
    }

    static Parity7Bit zero() {
        return new Parity7Bit(Kind.ZERO);
    }

    @Override
    public String name() {
        return switch (kind) {
            case EVEN -> "parityEven7bit";
            case ODD -> "parityOdd7bit";
            case ZERO -> "parityZero7bit";
        };
    }

    @Override
    public String apply(String input) {
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            boolean oddBits = Integer.bitCount(b) % 2 == 1;
            boolean setHigh = switch (kind) {
                case EVEN -> oddBits;
                case ODD -> !oddBits;
                case ZERO -> false;
            };
            out[i] = (byte) (setHigh ? b | 0x80 : b & 0x7f);
        }
        return ByteStrings.result(input, in, out, out.length);
    }
}
