package dev.aiguard.waf.internal.regex;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A syntax tree of a PCRE pattern, just detailed enough to build adversarial inputs from its structure
 * ({@link AdversarialInputs}): literals, byte sets, sequences, alternations and repetitions. Everything that
 * consumes no input (anchors, word boundaries, lookarounds, back references, inline flags) is {@link Empty}; case
 * folding is ignored (a witness spelled as the pattern spells it still matches under {@code (?i)}). Lenient: what
 * it does not recognise is read as a literal, since a slightly wrong witness only makes an input less sharp, never
 * the measurement wrong.
 */
final class RegexShape {

    /** A node of the tree. */
    sealed interface Node permits Literal, ByteSet, Sequence, Alternation, Repeat, Empty {
    }

    /** One literal byte. */
    record Literal(char c) implements Node {
    }

    /** A class, an escape such as {@code \d}, or the dot: the bytes it matches. */
    record ByteSet(BitSet members) implements Node {
    }

    record Sequence(List<Node> items) implements Node {
    }

    record Alternation(List<Node> branches) implements Node {
    }

    /** {@code sub{min,max}}; {@code max} is {@link #UNBOUNDED} for {@code *}, {@code +} and {@code {n,}}. */
    record Repeat(Node sub, int min, int max) implements Node {
        static final int UNBOUNDED = -1;

        boolean unbounded() {
            return max == UNBOUNDED;
        }
    }

    /** Consumes nothing. */
    record Empty() implements Node {
    }

    private final String p;
    private int i;

    private RegexShape(String pattern) {
        this.p = pattern;
    }

    /** The tree of {@code pattern}; never throws (unbalanced parentheses close at the end). */
    static Node parse(String pattern) {
        RegexShape parser = new RegexShape(pattern);
        Node root = parser.alternation();
        while (parser.i < pattern.length()) { // a stray ')': read on as if it were not there
            parser.i++;
            root = new Sequence(List.of(root, parser.alternation()));
        }
        return root;
    }

    private Node alternation() {
        List<Node> branches = new ArrayList<>();
        branches.add(sequence());
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : new Alternation(branches);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            Node atom = atom();
            items.add(quantified(atom));
        }
        return items.size() == 1 ? items.get(0) : new Sequence(items);
    }

    private Node quantified(Node atom) {
        while (i < p.length()) {
            char c = p.charAt(i);
            int min;
            int max;
            if (c == '*' || c == '+' || c == '?') {
                i++;
                min = c == '+' ? 1 : 0;
                max = c == '?' ? 1 : Repeat.UNBOUNDED;
            } else if (c == '{' && boundedQuantifierEnd(i) > 0) {
                int end = boundedQuantifierEnd(i);
                String body = p.substring(i + 1, end);
                i = end + 1;
                int comma = body.indexOf(',');
                min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                max = comma < 0 ? min : comma == body.length() - 1 ? Repeat.UNBOUNDED
                        : Integer.parseInt(body.substring(comma + 1));
            } else {
                return atom;
            }
            if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                i++; // lazy or possessive: the same language
            }
            atom = new Repeat(atom, Math.min(min, 100_000), max < 0 ? max : Math.min(max, 100_000));
        }
        return atom;
    }

    /** The index of the {@code }} of a {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code from}, else -1. */
    private int boundedQuantifierEnd(int from) {
        int j = from + 1;
        int digits = 0;
        while (j < p.length() && Character.isDigit(p.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0 || digits > 6 || j >= p.length()) {
            return -1;
        }
        if (p.charAt(j) == ',') {
            j++;
            int maxDigits = 0;
            while (j < p.length() && Character.isDigit(p.charAt(j))) {
                j++;
                maxDigits++;
            }
            if (maxDigits > 6) {
                return -1;
            }
        }
        return j < p.length() && p.charAt(j) == '}' ? j : -1;
    }

    private Node atom() {
        char c = p.charAt(i++);
        switch (c) {
            case '(':
                return group();
            case '[':
                return byteClass();
            case '.':
                BitSet all = new BitSet(256);
                all.set(0, 256);
                return new ByteSet(all);
            case '^':
            case '$':
                return new Empty();
            case '\\':
                return escape();
            default:
                return new Literal(c);
        }
    }

    private Node group() {
        boolean consumes = true;
        if (i < p.length() && p.charAt(i) == '?') {
            i++;
            char kind = i < p.length() ? p.charAt(i) : ')';
            if (kind == '=' || kind == '!') { // lookahead
                consumes = false;
                i++;
            } else if (kind == '<' && i + 1 < p.length() && (p.charAt(i + 1) == '=' || p.charAt(i + 1) == '!')) {
                consumes = false; // lookbehind
                i += 2;
            } else if (kind == '<' || kind == 'P' || kind == '\'') { // named group
                while (i < p.length() && p.charAt(i) != '>' && p.charAt(i) != '\'') {
                    i++;
                }
                i++;
            } else if (kind == ':' || kind == '>' || kind == '|') {
                i++;
            } else { // inline flags: (?i) alone, or (?i:...)
                while (i < p.length() && p.charAt(i) != ')' && p.charAt(i) != ':') {
                    i++;
                }
                if (i < p.length() && p.charAt(i) == ')') {
                    i++;
                    return new Empty();
                }
                i++;
            }
        }
        Node inner = alternation();
        if (i < p.length() && p.charAt(i) == ')') {
            i++;
        }
        return consumes ? inner : new Empty();
    }

    private Node escape() {
        if (i >= p.length()) {
            return new Literal('\\');
        }
        char c = p.charAt(i++);
        BitSet set = classEscape(c);
        if (set != null) {
            return new ByteSet(set);
        }
        switch (c) {
            case 'b', 'B', 'A', 'z', 'Z', 'G', 'K':
                return new Empty();
            case 'Q':
                int end = p.indexOf("\\E", i);
                String quoted = p.substring(i, end < 0 ? p.length() : end);
                i = end < 0 ? p.length() : end + 2;
                List<Node> literals = new ArrayList<>();
                quoted.chars().forEach(q -> literals.add(new Literal((char) q)));
                return new Sequence(literals);
            default:
                if (c >= '1' && c <= '9') { // back reference
                    while (i < p.length() && Character.isDigit(p.charAt(i))) {
                        i++;
                    }
                    return new Empty();
                }
                return new Literal(escapedChar(c));
        }
    }

    /** The byte an escape like {@code \x41}, {@code \t} or {@code \.} stands for (after the letter). */
    private char escapedChar(char c) {
        switch (c) {
            case 'x':
                int value;
                if (i < p.length() && p.charAt(i) == '{') {
                    int close = p.indexOf('}', i);
                    value = Integer.parseInt(p.substring(i + 1, close), 16);
                    i = close + 1;
                } else {
                    int start = i;
                    while (i < p.length() && i < start + 2 && Character.digit(p.charAt(i), 16) >= 0) {
                        i++;
                    }
                    value = start == i ? 0 : Integer.parseInt(p.substring(start, i), 16);
                }
                return (char) (value & 0xFF);
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'f':
                return '\f';
            case 'v':
                return 0x0B;
            case 'e':
                return 0x1B;
            case 'a':
                return 0x07;
            case '0':
                return 0;
            case 'c':
                return i < p.length() ? (char) (p.charAt(i++) & 0x1F) : 'c';
            default:
                return c;
        }
    }

    /** The set of {@code \d}, {@code \w}, {@code \s}, {@code \h}, {@code \v} and their negations, else null. */
    private static BitSet classEscape(char c) {
        BitSet set = new BitSet(256);
        switch (Character.toLowerCase(c)) {
            case 'd' -> set.set('0', '9' + 1);
            case 'w' -> {
                set.set('0', '9' + 1);
                set.set('a', 'z' + 1);
                set.set('A', 'Z' + 1);
                set.set('_');
            }
            case 's' -> {
                set.set('\t', '\r' + 1);
                set.set(' ');
            }
            case 'h' -> {
                set.set('\t');
                set.set(' ');
                set.set(0xA0);
            }
            default -> {
                return null;
            }
        }
        if (Character.isUpperCase(c)) {
            set.flip(0, 256);
        }
        return set;
    }

    private Node byteClass() {
        BitSet set = new BitSet(256);
        boolean negated = i < p.length() && p.charAt(i) == '^';
        if (negated) {
            i++;
        }
        boolean first = true;
        while (i < p.length() && (p.charAt(i) != ']' || first)) {
            first = false;
            if (p.startsWith("[:", i) && p.indexOf(":]", i + 2) > 0) {
                int close = p.indexOf(":]", i + 2);
                set.or(posix(p.substring(i + 2, close)));
                i = close + 2;
                continue;
            }
            int low = classMember(set);
            if (low < 0) {
                continue;
            }
            if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                i++;
                int high = classMember(set);
                if (high >= low) {
                    set.set(low, Math.min(high, 255) + 1);
                    continue;
                }
                set.set('-');
                if (high >= 0) {
                    set.set(high);
                }
            }
            set.set(Math.min(low, 255));
        }
        i++; // ']'
        if (negated) {
            set.flip(0, 256);
        }
        return new ByteSet(set);
    }

    /** One class member: its byte, or -1 after adding a class escape such as {@code \d} to {@code set}. */
    private int classMember(BitSet set) {
        char c = p.charAt(i++);
        if (c != '\\' || i >= p.length()) {
            return c;
        }
        char e = p.charAt(i++);
        BitSet escape = classEscape(e);
        if (escape != null) {
            set.or(escape);
            return -1;
        }
        return e == 'b' ? 0x08 : escapedChar(e);
    }

    private static BitSet posix(String name) {
        boolean negated = name.startsWith("^");
        BitSet set = new BitSet(256);
        for (int b = 0; b < 128; b++) {
            char c = (char) b;
            boolean member = switch (negated ? name.substring(1) : name) {
                case "alpha" -> Character.isLetter(c);
                case "digit" -> Character.isDigit(c);
                case "alnum" -> Character.isLetterOrDigit(c);
                case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
                case "upper" -> Character.isUpperCase(c);
                case "lower" -> Character.isLowerCase(c);
                case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
                case "xdigit" -> Character.digit(c, 16) >= 0;
                case "word" -> Character.isLetterOrDigit(c) || c == '_';
                default -> c > 32 && c < 127;
            };
            set.set(b, member);
        }
        if (negated) {
            set.flip(0, 256);
        }
        return set;
    }
}
