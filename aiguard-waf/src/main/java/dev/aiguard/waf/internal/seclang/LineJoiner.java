package dev.aiguard.waf.internal.seclang;

/**
 * Splits rule text into logical lines, as Apache and ModSecurity read configuration files:
 * a physical line that ends in {@code \} (trailing blanks after it are ignored) continues on the
 * next line, the backslash and line break being removed. Blank lines and comment lines (first
 * non-blank character {@code #}) are skipped. A comment never continues: a commented-out rule that
 * ends in {@code \} must not swallow the active line after it. {@code \r\n} line ends are accepted.
 * Works in one pass over the text.
 */
final class LineJoiner {
    private final String text;
    private int pos;
    private int lineNo;

    LineJoiner(String text) {
        this.text = text;
    }

    /** The next logical line, or {@code null} at the end of the text. */
    LogicalLine next() {
        while (pos < text.length()) {
            int first = lineNo + 1;
            String physical = readPhysical();
            int start = firstNonBlank(physical);
            if (start == physical.length() || physical.charAt(start) == '#') {
                continue;
            }
            return new LogicalLine(join(physical), first);
        }
        return null;
    }

    private String join(String firstLine) {
        String current = firstLine;
        int cont = continuationCut(current);
        if (cont < 0) {
            return current;
        }
        StringBuilder joined = new StringBuilder(current.length() * 2);
        while (cont >= 0) {
            joined.append(current, 0, cont);
            if (pos >= text.length()) {
                return joined.toString();
            }
            current = readPhysical();
            cont = continuationCut(current);
        }
        return joined.append(current).toString();
    }

    /** Index of the continuation backslash, or -1 when the line does not continue. */
    private static int continuationCut(String line) {
        int end = line.length();
        while (end > 0 && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return end > 0 && line.charAt(end - 1) == '\\' ? end - 1 : -1;
    }

    private String readPhysical() {
        int nl = text.indexOf('\n', pos);
        int end = nl < 0 ? text.length() : nl;
        int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
        String line = text.substring(pos, contentEnd);
        pos = nl < 0 ? text.length() : nl + 1;
        lineNo++;
        return line;
    }

    private static int firstNonBlank(String line) {
        int i = 0;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
