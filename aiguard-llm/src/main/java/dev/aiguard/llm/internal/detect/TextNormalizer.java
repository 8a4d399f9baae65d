package dev.aiguard.llm.internal.detect;

import java.text.Normalizer;

/**
 * Puts prompt text in the form the detector reads: NFKC (full-width and styled letters become ASCII), lower case,
 * invisible characters removed (zero-width characters, Unicode tag characters, BOM, soft hyphen), whitespace runs
 * collapsed to one space. Attackers use exactly these variations to slip past keyword matching.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** The normalized form of {@code text}; linear in its length. */
    public static String normalize(String text) {
        String s = hasNonAscii(text) ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text;
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && isTagCharacter(Character.toCodePoint(ch, s.charAt(i + 1)))) {
                i++;
                continue;
            }
            if (isInvisible(ch)) {
                continue;
            }
            if (Character.isWhitespace(ch)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(Character.toLowerCase(ch));
        }
        return out.toString();
    }

    /** Zero-width and formatting characters that render as nothing. */
    public static boolean isInvisible(char ch) {
        return ch == '\u200B' || ch == '\u200C' || ch == '\u200D' || ch == '\u2060' || ch == '\uFEFF'
                || ch == '\u00AD' || ch == '\u180E' || ch >= '\u2061' && ch <= '\u2064';
    }

    /** Unicode tag characters U+E0000..U+E007F (invisible; can smuggle ASCII). */
    public static boolean isTagCharacter(int codePoint) {
        return codePoint >= 0xE0000 && codePoint <= 0xE007F;
    }

    private static boolean hasNonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return true;
            }
        }
        return false;
    }
}
