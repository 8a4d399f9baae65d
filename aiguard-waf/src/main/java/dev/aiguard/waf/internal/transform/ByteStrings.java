package dev.aiguard.waf.internal.transform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Helpers shared by the transformations: conversion between byte strings and byte arrays, and the
 * C-locale character classes ModSecurity relies on ({@code isspace}, {@code isxdigit}, ...).
 */
final class ByteStrings {

    private ByteStrings() {
    }

    /** The bytes of a byte string. A char above 255 (not a valid byte string) becomes {@code '?'}. */
    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A byte string of the first {@code length} bytes. */
    static String string(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * The result of a transformation that wrote {@code out[0..length)} from {@code in}: the original
     * instance when nothing changed, so callers can detect "unchanged" by identity.
     */
    static String result(String input, byte[] in, byte[] out, int length) {
        if (length == in.length && Arrays.equals(in, 0, length, out, 0, length)) {
            return input;
        }
        return string(out, length);
    }

    /** {@code input} itself when {@code result} has the same content, else {@code result}. */
    static String sameIfEqual(String input, String result) {
        return result.equals(input) ? input : result;
    }

    /** The value of a hexadecimal digit, or -1. */
    static int hexValue(int c) {
        // HexFormat accepts ASCII digits only; Character.digit would also take full-width and other Unicode digits.
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

    static boolean isHex(int c) {
        return hexValue(c) >= 0;
    }

    static boolean isHexAt(byte[] in, int index) {
        return index < in.length && isHex(in[index] & 0xff);
    }

    /** The byte encoded by two valid hexadecimal digits. */
    static int hexPair(int high, int low) {
        return hexValue(high) << 4 | hexValue(low);
    }

    static boolean isOctal(int c) {
        return c >= '0' && c <= '7';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** C {@code isspace} in the "C" locale: space, \t, \n, \v, \f, \r. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d);
    }

    /** Number of consecutive octal digits at {@code from}, at most {@code max}. */
    static int octalRun(byte[] in, int from, int max) {
        int count = 0;
        while (count < max && from + count < in.length && isOctal(in[from + count])) {
            count++;
        }
        return count;
    }

    /** The value of {@code count} octal digits at {@code from}. */
    static int octalValue(byte[] in, int from, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value = value * 8 + (in[from + i] - '0');
        }
        return value;
    }

    static int indexOfAny(String value, String chars) {
        for (int i = 0; i < value.length(); i++) {
            if (chars.indexOf(value.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
