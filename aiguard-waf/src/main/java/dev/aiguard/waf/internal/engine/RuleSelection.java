package dev.aiguard.waf.internal.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How exclusions select rules: by id or id range ({@code 942100}, {@code 942100-942199}), by tag or by msg
 * (exact text, or a {@code /regex/}). Shared by the load-time directives and the runtime {@code ctl}s.
 */
final class RuleSelection {

    private RuleSelection() {
    }

    /**
     * {@code true} when {@code spec} (an id or an inclusive range) selects {@code id}.
     *
     * @throws IllegalArgumentException when {@code spec} is neither
     */
    static boolean idMatches(String spec, int id) {
        String s = spec.trim();
        int dash = s.indexOf('-', 1);
        try {
            if (dash > 0) {
                long from = Long.parseLong(s.substring(0, dash).trim());
                long to = Long.parseLong(s.substring(dash + 1).trim());
                return id >= from && id <= to;
            }
            return id == Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a rule id or id range but got '" + spec + "'", e);
        }
    }

    /** {@code true} when {@code spec} (exact text or {@code /regex/}) selects {@code text}. */
    static boolean textMatches(String spec, String text) {
        if (spec.length() >= 2 && spec.startsWith("/") && spec.endsWith("/")) {
            return Pattern.compile(spec.substring(1, spec.length() - 1)).matcher(text).find();
        }
        return spec.equals(text);
    }

    /** {@code true} when any of {@code texts} is selected. */
    static boolean anyTextMatches(String spec, List<String> texts) {
        for (String t : texts) {
            if (textMatches(spec, t)) {
                return true;
            }
        }
        return false;
    }
}
