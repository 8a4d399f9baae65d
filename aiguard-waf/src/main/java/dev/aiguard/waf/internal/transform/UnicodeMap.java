package dev.aiguard.waf.internal.transform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The code-page table {@code t:urlDecodeUni} uses to turn {@code %uXXXX} into one byte
 * (ModSecurity's {@code SecUnicodeMapFile unicode.mapping 20127}).
 *
 * <p>The table is reference data that is not shipped with AIGuard: {@link #load(Path, int)} reads
 * ModSecurity's {@code unicode.mapping} file at run time. Without a file, {@link #none()} gives
 * ModSecurity's own behaviour when no entry exists: the low byte of the code point, except that
 * full-width ASCII (U+FF01..U+FF5E) maps to its ASCII twin. With code page 20127 the two differ
 * only for the 371 listed code points (mostly Latin letters with accents, which the table folds to
 * their plain letter, e.g. U+00E9 to {@code e} instead of byte 0xE9).
 *
 * <p>File format: a line starting with the decimal code-page number, then whitespace-separated
 * {@code hex:hex} pairs (code point : byte), ending at the next token without a colon.
 */
public final class UnicodeMap {

    /** The code page the CRS regression tests (and ModSecurity's recommended config) use. */
    public static final int US_ASCII_CODE_PAGE = 20127;

    private static final int NO_ENTRY = -1;
    private static final UnicodeMap NONE = new UnicodeMap(null, "built-in fallback (low byte, full-width ASCII folded)");

    private final short[] table;
    private final String source;

    private UnicodeMap(short[] table, String source) {
        this.table = table;
        this.source = source;
    }

    /** No table: low byte of the code point, full-width ASCII folded to ASCII. */
    public static UnicodeMap none() {
        return NONE;
    }

    /**
     * Loads one code page from a ModSecurity {@code unicode.mapping} file.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file has no such code page
     */
    public static UnicodeMap load(Path file, int codePage) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        short[] table = parse(text, codePage);
        if (table == null) {
            throw new IllegalArgumentException("code page " + codePage + " not found in " + file);
        }
        return new UnicodeMap(table, file + " (code page " + codePage + ")");
    }

    /** Parses the text of a mapping file; {@code null} when the code page is absent. */
    static short[] parse(String text, int codePage) {
        List<String> tokens = tokens(text);
        int start = tokens.indexOf(Integer.toString(codePage));
        if (start < 0) {
            return null;
        }
        short[] table = new short[0x10000];
        Arrays.fill(table, (short) NO_ENTRY);
        boolean inMappings = false;
        for (String token : tokens.subList(start + 1, tokens.size())) {
            int colon = token.indexOf(':');
            if (colon < 0) {
                if (inMappings) {
                    break;
                }
                continue; // the code page's description, e.g. "(US-ASCII)"
            }
            inMappings = true;
            addEntry(table, token.substring(0, colon), token.substring(colon + 1));
        }
        return table;
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && ByteStrings.isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !ByteStrings.isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private static void addEntry(short[] table, String codePoint, String target) {
        try {
            int code = Integer.parseInt(codePoint, 16);
            int value = Integer.parseInt(target, 16);
            if (code >= 0 && code < table.length) {
                table[code] = (short) (value & 0xff);
            }
        } catch (NumberFormatException malformed) {
            // ModSecurity skips what it cannot parse; so do we.
        }
    }

    /**
     * The byte for code point {@code codePoint} (0..0xFFFF) as {@code %uXXXX} decoding produces it.
     */
    public int toByte(int codePoint) {
        if (table != null) {
            int mapped = table[codePoint & 0xffff];
            if (mapped != NO_ENTRY) {
                return mapped;
            }
        }
        int low = codePoint & 0xff;
        if ((codePoint & 0xff00) == 0xff00 && low > 0x00 && low < 0x5f) {
            return low + 0x20; // full-width ASCII U+FF01..U+FF5E
        }
        return low;
    }

    /** The same table with another {@link #source()} text (e.g. why a file was not used). */
    UnicodeMap describedAs(String description) {
        return new UnicodeMap(table, description);
    }

    /** Where the table came from, for diagnostics. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "UnicodeMap[" + source + "]";
    }
}
