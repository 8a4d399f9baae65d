package dev.aiguard.llm.internal.tokens;

/**
 * Character-class counts from one pass over a text: the inputs of {@link TokenEstimator}. BPE vocabularies give most
 * short English words one token, split long words, group digits in threes, and spend roughly one token per
 * punctuation mark or CJK character; these counts capture exactly those effects.
 */
final class TokenFeatures {

    static final int WORDS = 0;
    static final int LONG_WORD_EXTRA = 1;
    static final int DIGITS = 2;
    static final int PUNCTUATION = 3;
    static final int NEWLINES = 4;
    static final int INDENT_RUNS = 5;
    static final int CJK = 6;
    static final int OTHER_LETTERS = 7;
    static final int SUPPLEMENTARY = 8;
    static final int OTHER_SYMBOLS = 9;
    static final int COUNT = 10;

    /** Letters of a word that one token usually covers; the rest of a longer word costs extra. */
    private static final int WORD_CHARS_PER_TOKEN = 6;

    private TokenFeatures() {
    }

    static double[] of(CharSequence text) {
        double[] f = new double[COUNT];
        int wordLength = 0;
        int spaces = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean letter = ch < 128 && (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z');
            if (letter) {
                wordLength++;
                continue;
            }
            endWord(f, wordLength);
            wordLength = 0;
            if (ch == ' ' || ch == '\t') {
                spaces++;
                continue;
            }
            if (spaces >= 2) {
                f[INDENT_RUNS]++;
            }
            spaces = 0;
            classify(f, text, i, ch);
            if (Character.isHighSurrogate(ch)) {
                i++;
            }
        }
        endWord(f, wordLength);
        return f;
    }

    private static void classify(double[] f, CharSequence text, int i, char ch) {
        if (ch >= '0' && ch <= '9') {
            f[DIGITS]++;
        } else if (ch == '\n') {
            f[NEWLINES]++;
        } else if (ch < 128) {
            if (ch > ' ') {
                f[PUNCTUATION]++;
            }
        } else if (Character.isHighSurrogate(ch)) {
            f[SUPPLEMENTARY]++;
        } else if (isCjk(ch)) {
            f[CJK]++;
        } else if (Character.isLetter(ch) || Character.getType(ch) == Character.NON_SPACING_MARK) {
            f[OTHER_LETTERS]++;
        } else {
            f[OTHER_SYMBOLS]++;
        }
    }

    private static void endWord(double[] f, int length) {
        if (length > 0) {
            f[WORDS]++;
            f[LONG_WORD_EXTRA] += Math.max(0, length - WORD_CHARS_PER_TOKEN);
        }
    }

    private static boolean isCjk(char ch) {
        return ch >= 0x3040 && ch <= 0x30FF || ch >= 0x3400 && ch <= 0x9FFF || ch >= 0xAC00 && ch <= 0xD7AF
                || ch >= 0xF900 && ch <= 0xFAFF || ch >= 0xFF00 && ch <= 0xFFEF;
    }
}
