package dev.aiguard.output.internal.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;

/** Checksums and plausibility tests the detectors validate candidates with. */
public final class Checks {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** IBAN length per country (ISO 13616 registry, the common SEPA and non-SEPA countries). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BR", 29), Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27),
            Map.entry("GB", 22), Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
            Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20),
            Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SA", 24),
            Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TR", 26),
            Map.entry("UA", 29));

    private Checks() {
    }

    /** Luhn (mod 10) over the digits of {@code s}; other characters are ignored. */
    public static boolean luhn(String s) {
        int sum = 0;
        boolean doubled = false;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
            n++;
        }
        return n > 0 && sum % 10 == 0;
    }

    /** A payment card number: 13-19 digits, a known issuer prefix, Luhn-valid, not one repeated digit. */
    public static boolean paymentCard(String s) {
        String d = digitsOf(s);
        if (d.length() < 13 || d.length() > 19 || d.chars().distinct().count() == 1) {
            return false;
        }
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        int n = d.length();
        boolean issuer = (d.charAt(0) == '4' && (n == 13 || n == 16 || n == 19))          // Visa
                || (((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) && n == 16)   // Mastercard
                || ((two == 34 || two == 37) && n == 15)                                // American Express
                || d.startsWith("6011") || d.startsWith("65") || (two == 64 && d.charAt(2) >= '4')  // Discover
                || (four >= 3528 && four <= 3589)                     // JCB
                || two == 36 || two == 38 || two == 30                // Diners
                || d.startsWith("62");                                // UnionPay
        return issuer && luhn(d);
    }

    /** An IBAN: known country, its length, and the ISO 7064 mod-97 check equal to 1. */
    public static boolean iban(String s) {
        String c = s.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (c.length() < 15 || c.length() > 34) {
            return false;
        }
        Integer len = IBAN_LENGTHS.get(c.substring(0, 2));
        if (len == null || len != c.length()) {
            return false;
        }
        String rotated = c.substring(4) + c.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < rotated.length(); i++) {
            char ch = rotated.charAt(i);
            if (ch >= '0' && ch <= '9') {
                mod = (mod * 10 + (ch - '0')) % 97;
            } else if (ch >= 'A' && ch <= 'Z') {
                mod = (mod * 100 + (ch - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return mod == 1;
    }

    /**
     * A US Social Security number outside the never-issued ranges: area 000, 666 and 900-999, group 00, serial 0000
     * (and the advertising number 078-05-1120).
     */
    public static boolean usSsn(String s) {
        String d = digitsOf(s);
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !d.equals("078051120");
    }

    /** A UK National Insurance number: the two prefix letters and suffix letter HMRC allocates. */
    public static boolean ukNino(String s) {
        String c = s.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (c.length() != 9) {
            return false;
        }
        char a = c.charAt(0);
        char b = c.charAt(1);
        String prefix = c.substring(0, 2);
        if ("DFIQUV".indexOf(a) >= 0 || "DFIQUVO".indexOf(b) >= 0) {
            return false;
        }
        if (prefix.equals("BG") || prefix.equals("GB") || prefix.equals("NK") || prefix.equals("KN")
                || prefix.equals("TN") || prefix.equals("NT") || prefix.equals("ZZ")) {
            return false;
        }
        return "ABCD".indexOf(c.charAt(8)) >= 0;
    }

    /** A Spanish DNI (8 digits and the mod-23 control letter) or NIE (X/Y/Z, 7 digits, letter). */
    public static boolean esDni(String s) {
        String c = s.replace("-", "").toUpperCase(java.util.Locale.ROOT);
        if (c.length() != 9) {
            return false;
        }
        String num = c.substring(0, 8);
        char first = num.charAt(0);
        if (first == 'X' || first == 'Y' || first == 'Z') {
            num = (first - 'X') + num.substring(1);
        }
        for (int i = 0; i < num.length(); i++) {
            if (!Character.isDigit(num.charAt(i))) {
                return false;
            }
        }
        return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(num) % 23) == c.charAt(8);
    }

    /** A GitHub token ({@code ghp_} and siblings): the last 6 chars are the base62 CRC32 of the 30 before them. */
    public static boolean githubChecksum(String token) {
        int us = token.indexOf('_');
        String body = token.substring(us + 1);
        if (body.length() != 36) {
            return false;
        }
        return githubCrc(body.substring(0, 30)).equals(body.substring(30));
    }

    /** The 6-char base62 CRC32 checksum GitHub appends to the random part of a token. */
    public static String githubCrc(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }

    /** Shannon entropy in bits per char. */
    public static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                h -= (c / n) * (Math.log(c / n) / Math.log(2));
            }
        }
        if (other > 0) {
            h -= (other / n) * (Math.log(other / n) / Math.log(2));
        }
        return h;
    }

    /** Whether a random-looking key mixes character classes (upper, lower, digits) and has high entropy. */
    public static boolean randomKey(String s, double minEntropy) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
        return classes >= 2 && entropy(s) >= minEntropy;
    }

    /** A JWT: the first segment decodes (base64url) to a JSON object naming an {@code alg}. */
    public static boolean jwt(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(stripPadding(token.substring(0, dot))),
                    StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    static String digitsOf(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
