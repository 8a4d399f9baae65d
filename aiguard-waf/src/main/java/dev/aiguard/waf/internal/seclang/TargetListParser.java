package dev.aiguard.waf.internal.seclang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a rule's target list such as {@code ARGS|!REQUEST_HEADERS:Referer|&TX:foo|XML:/*}.
 *
 * <p>Elements are separated by {@code |}; each is an optional {@code !} (exclusion) or {@code &}
 * (count) prefix, a variable name (letters, digits, {@code _}; upper-cased) and an optional
 * selector after {@code :}. Selectors are read as follows:
 * <ul>
 *   <li>{@code XML:} takes an XPath expression up to the next {@code |} ({@code XML:/*},
 *       {@code XML://@*}), never a regex;</li>
 *   <li>{@code /regex/}: up to the first unescaped {@code /} that is followed by {@code |} or the
 *       end of the list, so the regex may contain {@code |}, {@code :} and {@code /};</li>
 *   <li>{@code 'quoted'}: up to the closing quote ({@code \'} escapes it); as in ModSecurity, a
 *       quoted selector written {@code '/regex/'} is a regex too;</li>
 *   <li>anything else: the text up to the next {@code |}, blanks trimmed.</li>
 * </ul>
 */
final class TargetListParser {
    private final String list;
    private int pos;

    private TargetListParser(String list) {
        this.list = list;
    }

    static List<Target> parse(String list) {
        return new TargetListParser(list).parseAll();
    }

    private List<Target> parseAll() {
        if (list.isBlank()) {
            throw new SyntaxError("empty target list");
        }
        List<Target> targets = new ArrayList<>();
        while (true) {
            targets.add(parseElement());
            skipBlanks();
            if (pos >= list.length()) {
                return targets;
            }
            // parseElement stops only at '|' or the end
            pos++;
        }
    }

    private Target parseElement() {
        skipBlanks();
        int start = pos;
        boolean exclude = consume('!');
        boolean count = consume('&');
        if (exclude && count) {
            throw new SyntaxError("target cannot be both excluded and counted: " + Excerpt.quoted(elementFrom(start)));
        }
        String name = readName(start);
        if (pos >= list.length() || list.charAt(pos) == '|') {
            return new Target(name, null, false, count, exclude);
        }
        // readName stops at ':' when it does not stop at '|' or the end
        pos++;
        return readSelector(start, name, count, exclude);
    }

    private String readName(int elementStart) {
        int nameStart = pos;
        while (pos < list.length() && list.charAt(pos) != ':' && list.charAt(pos) != '|') {
            pos++;
        }
        String name = list.substring(nameStart, pos).strip();
        if (name.isEmpty()) {
            throw new SyntaxError("empty variable name in target list " + Excerpt.quoted(list));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                throw new SyntaxError("bad variable name " + Excerpt.quoted(name) + " in target "
                        + Excerpt.quoted(elementFrom(elementStart)));
            }
        }
        return name.toUpperCase(Locale.ROOT);
    }

    private Target readSelector(int start, String name, boolean count, boolean exclude) {
        char first = pos < list.length() ? list.charAt(pos) : '|';
        if (!name.equals("XML") && first == '/') {
            String regex = readRegex(start);
            return new Target(name, regex, true, count, exclude);
        }
        if (!name.equals("XML") && first == '\'') {
            String key = readQuotedKey(start);
            if (key.length() >= 2 && key.startsWith("/") && key.endsWith("/")) {
                return new Target(name, requireRegex(key.substring(1, key.length() - 1), start), true, count, exclude);
            }
            return new Target(name, requireKey(key, start), false, count, exclude);
        }
        int keyStart = pos;
        while (pos < list.length() && list.charAt(pos) != '|') {
            pos++;
        }
        return new Target(name, requireKey(list.substring(keyStart, pos).strip(), start), false, count, exclude);
    }

    private String readRegex(int start) {
        int open = pos;
        int i = open + 1;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '/' && endsSelector(i + 1)) {
                pos = i + 1;
                return requireRegex(list.substring(open + 1, i), start);
            } else {
                i++;
            }
        }
        throw new SyntaxError("unterminated regex selector in target " + Excerpt.quoted(list.substring(start)));
    }

    private boolean endsSelector(int at) {
        int i = at;
        while (i < list.length() && LineJoiner.isBlank(list.charAt(i))) {
            i++;
        }
        return i >= list.length() || list.charAt(i) == '|';
    }

    private String readQuotedKey(int start) {
        SingleQuoted quoted = SingleQuoted.read(list, pos);
        if (quoted == null) {
            throw new SyntaxError("unterminated quoted selector in target " + Excerpt.quoted(list.substring(start)));
        }
        pos = quoted.end();
        if (!endsSelector(pos)) {
            throw new SyntaxError("unexpected text after quoted selector in target " + Excerpt.quoted(elementFrom(start)));
        }
        return quoted.value();
    }

    private String requireRegex(String regex, int start) {
        if (regex.isEmpty()) {
            throw new SyntaxError("empty regex selector in target " + Excerpt.quoted(elementFrom(start)));
        }
        return regex;
    }

    private String requireKey(String key, int start) {
        if (key.isEmpty()) {
            throw new SyntaxError("empty selector in target " + Excerpt.quoted(elementFrom(start)));
        }
        return key;
    }

    /** The element that starts at {@code start}, up to the next {@code |} at or after the cursor. */
    private String elementFrom(int start) {
        int end = list.indexOf('|', Math.max(pos, start));
        return list.substring(start, end < 0 ? list.length() : end).strip();
    }

    private boolean consume(char c) {
        if (pos < list.length() && list.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipBlanks() {
        while (pos < list.length() && LineJoiner.isBlank(list.charAt(pos))) {
            pos++;
        }
    }
}
