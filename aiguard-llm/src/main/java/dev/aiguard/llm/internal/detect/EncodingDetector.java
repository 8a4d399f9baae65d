package dev.aiguard.llm.internal.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds text hidden from a human reader: Unicode tag characters (invisible ASCII), zero-width characters splitting
 * words, base64 blobs that decode to readable text, and rot13 text. Hidden text is returned for re-scanning, so
 * {@code aWdub3JlIHByZXZpb3Vz...} is judged by what it says.
 */
final class EncodingDetector {

    /** Shortest base64 run considered (shorter runs are ids, hashes, tokens). */
    private static final int MIN_BASE64 = 24;
    /** Most base64 runs decoded per text (bounds work on adversarial input). */
    private static final int MAX_BASE64_RUNS = 16;
    /** Tag characters beyond what emoji flag sequences use. */
    private static final int MIN_TAG_RUN = 8;
    private static final int MIN_WORD_SPLITS = 3;

    /** What was found, and decoded text to scan again. */
    record Result(List<Hit> hits, List<String> decoded) {
    }

    private EncodingDetector() {
    }

    static Result scan(String raw) {
        List<Hit> hits = new ArrayList<>(2);
        List<String> decoded = new ArrayList<>(2);
        tags(raw, hits, decoded);
        zeroWidth(raw, hits);
        base64(raw, hits, decoded);
        return new Result(hits, decoded);
    }

    private static void tags(String raw, List<Hit> hits, List<String> decoded) {
        StringBuilder hidden = new StringBuilder();
        int first = -1;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < raw.length()) {
                int cp = Character.toCodePoint(ch, raw.charAt(i + 1));
                if (TextNormalizer.isTagCharacter(cp)) {
                    first = first < 0 ? i : first;
                    if (cp > 0xE0000 && cp < 0xE007F) {
                        hidden.append((char) (cp - 0xE0000));
                    }
                    i++;
                }
            }
        }
        if (hidden.length() >= MIN_TAG_RUN) {
            hits.add(new Hit(SignatureSet.ENCODING, "encoding.unicode_tags", SignatureSet.STRONG, first));
            decoded.add(hidden.toString());
        }
    }

    /** Zero-width characters between two letters split words so keyword filters miss them. */
    private static void zeroWidth(String raw, List<Hit> hits) {
        int splits = 0;
        int first = -1;
        for (int i = 1; i + 1 < raw.length(); i++) {
            if (TextNormalizer.isInvisible(raw.charAt(i)) && Character.isLetter(raw.charAt(i - 1))) {
                int j = i;
                while (j < raw.length() && TextNormalizer.isInvisible(raw.charAt(j))) {
                    j++;
                }
                if (j < raw.length() && Character.isLetter(raw.charAt(j))) {
                    splits++;
                    first = first < 0 ? i : first;
                }
                i = j - 1;
            }
        }
        if (splits >= MIN_WORD_SPLITS) {
            hits.add(new Hit(SignatureSet.ENCODING, "encoding.zero_width", SignatureSet.MEDIUM, first));
        }
    }

    private static void base64(String raw, List<Hit> hits, List<String> decoded) {
        int runs = 0;
        int i = 0;
        while (i < raw.length() && runs < MAX_BASE64_RUNS) {
            if (!isBase64(raw.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < raw.length() && isBase64(raw.charAt(i))) {
                i++;
            }
            int end = i;
            while (i < raw.length() && raw.charAt(i) == '=' && i - end < 2) {
                i++;
            }
            if (end - start >= MIN_BASE64 && hasMixedClasses(raw, start, end)) {
                runs++;
                String text = decodeReadable(raw.substring(start, end));
                if (text != null) {
                    hits.add(new Hit(SignatureSet.ENCODING, "encoding.base64_text", SignatureSet.WEAK, start));
                    decoded.add(text);
                }
            }
        }
    }

    private static boolean isBase64(char ch) {
        return ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '/'
                || ch == '-' || ch == '_';
    }

    /** Real base64 of text mixes upper and lower case; long identifiers and paths usually do not. */
    private static boolean hasMixedClasses(String s, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        for (int i = start; i < end; i++) {
            char ch = s.charAt(i);
            upper |= ch >= 'A' && ch <= 'Z';
            lower |= ch >= 'a' && ch <= 'z';
        }
        return upper && lower;
    }

    /** The decoded text when it is mostly printable ASCII prose with spaces, else null. */
    private static String decodeReadable(String b64) {
        String clean = b64.replace('-', '+').replace('_', '/');
        int usable = clean.length() - clean.length() % 4;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(clean.substring(0, usable));
        } catch (IllegalArgumentException e) {
            return null;
        }
        int printable = 0;
        int spaces = 0;
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7f || b == '\n' || b == '\t') {
                printable++;
            }
            if (b == ' ') {
                spaces++;
            }
        }
        boolean prose = bytes.length > 0 && printable >= bytes.length * 0.95 && spaces >= 2;
        return prose ? new String(bytes, StandardCharsets.ISO_8859_1) : null;
    }

    /** rot13 of ASCII letters (applied to normalized text). */
    static String rot13(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c >= 'a' && c <= 'z') {
                out[i] = (char) ('a' + (c - 'a' + 13) % 26);
            }
        }
        return new String(out);
    }
}
