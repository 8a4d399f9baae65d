package dev.aiguard.waf.internal.seclang;

/**
 * Parses a rule's operator argument: {@code "@name argument"}, {@code "!@name argument"} or a bare
 * regex ({@code "^foo$"}, {@code "!^foo$"}), which means {@code @rx}. The blanks between the name
 * and the argument are dropped; the argument is otherwise kept as written and may be empty
 * ({@code "@unconditionalMatch"}). Whether the operator exists is the rule compiler's question.
 */
final class OperatorParser {

    private OperatorParser() {
    }

    static OperatorSpec parse(String text) {
        boolean negated = text.startsWith("!");
        int i = negated ? 1 : 0;
        if (i >= text.length() || text.charAt(i) != '@') {
            return new OperatorSpec("rx", text.substring(i), negated);
        }
        int nameStart = i + 1;
        int end = nameStart;
        while (end < text.length() && !LineJoiner.isBlank(text.charAt(end))) {
            end++;
        }
        String name = text.substring(nameStart, end);
        checkName(name, text);
        int argStart = end;
        while (argStart < text.length() && LineJoiner.isBlank(text.charAt(argStart))) {
            argStart++;
        }
        return new OperatorSpec(name, text.substring(argStart), negated);
    }

    private static void checkName(String name, String text) {
        if (name.isEmpty()) {
            throw new SyntaxError("missing operator name in " + Excerpt.quoted(text));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                throw new SyntaxError("bad operator name " + Excerpt.quoted("@" + name));
            }
        }
    }
}
