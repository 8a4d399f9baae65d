package dev.aiguard.waf.internal.engine;

import java.util.Locale;

/** Formats a match as a ModSecurity error-log line ({@code [id "..."] [msg "..."] [data "..."]} and so on). */
final class LogLine {

    private static final int MAX_VALUE = 200;

    private LogLine() {
    }

    static String format(CompiledRule rule, int phase, String operatorText, String varName, String value,
                         String msg, String data, boolean interrupts, int status, String hostname, String uri,
                         String uniqueId) {
        StringBuilder out = new StringBuilder("ModSecurity: ");
        if (interrupts) {
            out.append("Access denied with code ").append(status).append(" (phase ").append(phase).append("). ");
        } else {
            out.append("Warning. ");
        }
        if (operatorText != null) {
            out.append("Matched \"Operator `").append(operatorText).append("' against variable `")
                    .append(varName).append("' (Value: `").append(truncate(value)).append("' ) ");
        } else {
            out.append("Unconditional match in SecAction. ");
        }
        if (rule.location() != null) {
            out.append("[file \"").append(rule.location().file()).append("\"] [line \"")
                    .append(rule.location().line()).append("\"] ");
        }
        out.append("[id \"").append(rule.id()).append("\"] ");
        if (rule.rev() != null) {
            out.append("[rev \"").append(rule.rev()).append("\"] ");
        }
        out.append("[msg \"").append(escape(msg)).append("\"] ");
        out.append("[data \"").append(escape(data)).append("\"] ");
        if (rule.severity() >= 0) {
            out.append("[severity \"").append(rule.severity()).append("\"] ");
        }
        if (rule.ver() != null) {
            out.append("[ver \"").append(escape(rule.ver())).append("\"] ");
        }
        if (rule.maturity() != null) {
            out.append("[maturity \"").append(rule.maturity()).append("\"] ");
        }
        if (rule.accuracy() != null) {
            out.append("[accuracy \"").append(rule.accuracy()).append("\"] ");
        }
        for (String tag : rule.tags()) {
            out.append("[tag \"").append(escape(tag)).append("\"] ");
        }
        out.append("[hostname \"").append(escape(hostname)).append("\"] [uri \"").append(escape(uri))
                .append("\"] [unique_id \"").append(uniqueId).append("\"]");
        return out.toString();
    }

    /** {@code Rx' with parameter `...} as ModSecurity names operators in its log. */
    static String operatorText(String name, String argument, boolean negated) {
        String display = name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        return (negated ? "!" : "") + display + "' with parameter `" + truncate(argument);
    }

    private static String truncate(String s) {
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "..." : s;
    }

    /** Escapes quotes and control bytes so one match stays one line. */
    private static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = c == '"' ? "\\\"" : (c < 0x20 || c == 0x7f) ? String.format("\\x%02x", (int) c) : null;
            if (rep != null && out == null) {
                out = new StringBuilder(s.substring(0, i));
            }
            if (out != null) {
                out.append(rep != null ? rep : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }
}
