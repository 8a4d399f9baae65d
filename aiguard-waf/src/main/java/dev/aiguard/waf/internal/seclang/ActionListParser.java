package dev.aiguard.waf.internal.seclang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an action list such as {@code id:1,phase:2,t:none,msg:'it\'s, quoted',setvar:'tx.a=+1'}.
 *
 * <p>Actions are separated by commas; blanks around them are ignored (CRS puts one action per
 * continuation line). An action is a name (letters, digits, {@code _}; lower-cased) optionally
 * followed by {@code :} and a value. A value that starts with {@code '} runs to the closing quote
 * and may contain commas; {@code \'} inside it yields {@code '} and every other backslash is kept
 * with the character after it. An unquoted value runs to the next comma and is trimmed. An empty
 * list (blank text) gives no actions; an empty item between commas is an error.
 */
final class ActionListParser {
    private final String list;
    private int pos;

    private ActionListParser(String list) {
        this.list = list;
    }

    static List<ActionSpec> parse(String list) {
        return new ActionListParser(list).parseAll();
    }

    private List<ActionSpec> parseAll() {
        List<ActionSpec> actions = new ArrayList<>();
        if (list.isBlank()) {
            return actions;
        }
        while (true) {
            actions.add(parseAction());
            if (pos >= list.length()) {
                return actions;
            }
            // parseAction stops only at ',' or the end
            pos++;
        }
    }

    private ActionSpec parseAction() {
        int start = pos;
        while (pos < list.length() && list.charAt(pos) != ':' && list.charAt(pos) != ',') {
            pos++;
        }
        String name = list.substring(start, pos).strip();
        checkName(name, start);
        if (pos >= list.length() || list.charAt(pos) == ',') {
            return new ActionSpec(name.toLowerCase(Locale.ROOT), null);
        }
        pos++;
        skipBlanks();
        String value = pos < list.length() && list.charAt(pos) == '\'' ? readQuoted(start) : readUnquoted();
        return new ActionSpec(name.toLowerCase(Locale.ROOT), value);
    }

    private void checkName(String name, int start) {
        if (name.isEmpty()) {
            String item = itemFrom(start);
            throw new SyntaxError(item.isEmpty()
                    ? "empty action in action list " + Excerpt.quoted(list)
                    : "empty action name in " + Excerpt.quoted(item));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                throw new SyntaxError("bad action name " + Excerpt.quoted(name));
            }
        }
    }

    private String readQuoted(int start) {
        SingleQuoted quoted = SingleQuoted.read(list, pos);
        if (quoted == null) {
            throw new SyntaxError("unterminated single quote in action " + Excerpt.quoted(list.substring(start).strip()));
        }
        pos = quoted.end();
        skipBlanks();
        if (pos < list.length() && list.charAt(pos) != ',') {
            throw new SyntaxError("unexpected text after quoted value in action " + Excerpt.quoted(itemFrom(start)));
        }
        return quoted.value();
    }

    private String readUnquoted() {
        int start = pos;
        while (pos < list.length() && list.charAt(pos) != ',') {
            pos++;
        }
        return list.substring(start, pos).strip();
    }

    /** The item that starts at {@code start}, up to the next comma at or after the cursor. */
    private String itemFrom(int start) {
        int end = list.indexOf(',', Math.max(pos, start));
        return list.substring(start, end < 0 ? list.length() : end).strip();
    }

    private void skipBlanks() {
        while (pos < list.length() && LineJoiner.isBlank(list.charAt(pos))) {
            pos++;
        }
    }
}
