package dev.aiguard.waf.internal.regex;

import java.util.Map;

/**
 * The PCRE constructs that java.util.regex spells differently or not at all, for
 * {@link PatternRewriter.Dialect#JAVA}. Everything here either translates to an exact java.util.regex
 * equivalent or is rejected with a message naming the construct: a pattern is never run with
 * different semantics than PCRE gives it.
 */
final class JavaSyntax {

    /**
     * PCRE's {@code \b}: the word test is ASCII {@code \w}. Java 17's {@code \b} counts every Unicode
     * letter (so 0xE9, "é", would be a word char), which PCRE without UTF mode does not.
     */
    private static final String WORD_BOUNDARY = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
    private static final String NOT_WORD_BOUNDARY = "(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))";
    /** PCRE's {@code \Z}: end, or before a final {@code \n} only (Java's also accepts {@code \r} and 0x85). */
    private static final String END_OR_FINAL_NEWLINE = "(?=\\n?\\z)";

    /** POSIX class names as PCRE knows them; all ASCII-only, like java.util.regex's POSIX classes. */
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\p{Space}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    /** Inline options java.util.regex reads exactly as PCRE does; PCRE's U (ungreedy) is Java's Unicode flag. */
    private static final String SAME_OPTIONS = "imsx-";

    private JavaSyntax() {
    }

    /** {@code true} for the escape letters (after a backslash, outside a class) that {@link #escape} translates. */
    static boolean rewritesEscape(char letter) {
        return letter == 'b' || letter == 'B' || letter == 'Z';
    }

    /** The java.util.regex form of {@code \b}, {@code \B} or {@code \Z}. */
    static String escape(char letter) {
        return switch (letter) {
            case 'b' -> WORD_BOUNDARY;
            case 'B' -> NOT_WORD_BOUNDARY;
            case 'Z' -> END_OR_FINAL_NEWLINE;
            default -> throw new IllegalArgumentException("no Java form for escape \\" + letter);
        };
    }

    /**
     * The java.util.regex form of {@code [:name:]} or {@code [:^name:]} inside a class.
     *
     * @throws IllegalArgumentException for a name PCRE does not know
     */
    static String posixClass(String name, String pattern) {
        boolean negated = name.startsWith("^");
        String java = POSIX.get(negated ? name.substring(1) : name);
        if (java == null) {
            throw new IllegalArgumentException("unknown POSIX class [:" + name + ":] in pattern: " + pattern);
        }
        if (!negated) {
            return java;
        }
        return java.equals("\\w") ? "\\W" : "\\P" + java.substring(2);
    }

    /**
     * Translates the construct that starts at {@code source[at]}, which is {@code (} or {@code {} outside a
     * class, appending its Java form to {@code out}.
     *
     * @return the index just past what was consumed
     * @throws IllegalArgumentException for a PCRE construct java.util.regex cannot express
     */
    static int rewriteAt(String source, int at, StringBuilder out) {
        return source.charAt(at) == '{' ? brace(source, at, out) : group(source, at, out);
    }

    /** PCRE reads a brace that does not start {@code {n}}, {@code {n,}} or {@code {n,m}} as a literal; Java rejects it. */
    private static int brace(String source, int at, StringBuilder out) {
        int i = at + 1;
        int digits = skipDigits(source, i);
        boolean quantifier = false;
        if (digits > i) {
            i = digits;
            if (i < source.length() && source.charAt(i) == ',') {
                i = skipDigits(source, i + 1);
            }
            quantifier = i < source.length() && source.charAt(i) == '}';
        }
        if (!quantifier) {
            out.append("\\{");
            return at + 1;
        }
        out.append(source, at, i + 1);
        return i + 1;
    }

    private static int skipDigits(String source, int from) {
        int i = from;
        while (i < source.length() && source.charAt(i) >= '0' && source.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int group(String source, int at, StringBuilder out) {
        if (!source.startsWith("(?", at)) {
            if (source.startsWith("(*", at)) {
                throw unsupported("backtracking verb or option (*...)", source);
            }
            out.append('(');
            return at + 1;
        }
        int next = at + 2;
        char kind = next < source.length() ? source.charAt(next) : '\0';
        switch (kind) {
            case ':', '=', '!', '>':
                out.append(source, at, next + 1);
                return next + 1;
            case '#':
                int close = source.indexOf(')', next);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated (?# comment in pattern: " + source);
                }
                return close + 1;
            case '<':
                // (?<= and (?<! are lookbehinds; (?<name> is a named group, spelled the same in Java.
                out.append(source, at, next + 1);
                return next + 1;
            case 'P':
                return pythonStyleGroup(source, at, out);
            case '\'':
                int quote = source.indexOf('\'', next + 1);
                if (quote < 0) {
                    throw new IllegalArgumentException("unterminated (?'name' group in pattern: " + source);
                }
                out.append("(?<").append(source, next + 1, quote).append('>');
                return quote + 1;
            default:
                return options(source, at, out);
        }
    }

    /** {@code (?P<name>...)} and {@code (?P=name)}; {@code (?P>name)} recurses and has no Java form. */
    private static int pythonStyleGroup(String source, int at, StringBuilder out) {
        int p = at + 3;
        char c = p < source.length() ? source.charAt(p) : '\0';
        if (c == '<') {
            out.append("(?<");
            return p + 1;
        }
        if (c == '=') {
            int close = source.indexOf(')', p);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated (?P= back reference in pattern: " + source);
            }
            out.append("\\k<").append(source, p + 1, close).append('>');
            return close + 1;
        }
        throw unsupported("subroutine call (?P>", source);
    }

    /** {@code (?flags)} or {@code (?flags:...}; anything else after {@code (?} is a construct Java lacks. */
    private static int options(String source, int at, StringBuilder out) {
        int i = at + 2;
        for (; i < source.length() && isOption(source.charAt(i)); i++) {
            if (SAME_OPTIONS.indexOf(source.charAt(i)) < 0) {
                throw unsupported("inline option '" + source.charAt(i) + "'", source);
            }
        }
        if (i == at + 2 || i >= source.length() || source.charAt(i) != ')' && source.charAt(i) != ':') {
            String construct = source.substring(at, Math.min(source.length(), at + 3));
            throw unsupported("construct '" + construct + "' (recursion, conditional, branch reset or callout)",
                    source);
        }
        out.append(source, at, i + 1);
        return i + 1;
    }

    private static boolean isOption(char c) {
        return c == '-' || c < 0x80 && Character.isLetter(c);
    }

    private static IllegalArgumentException unsupported(String what, String pattern) {
        return new IllegalArgumentException("PCRE " + what + " is not supported by the backtracking fallback: "
                + pattern);
    }
}
