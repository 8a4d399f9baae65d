package dev.aiguard.waf.internal.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test context: expands {@code %{name}} from a map (missing: empty) and records captures. */
final class RecordingContext implements OperatorContext {

    private static final Pattern MACRO = Pattern.compile("%\\{([^}]*)}");

    private final Map<String, String> macros;
    private final boolean capture;
    final List<List<String>> captures = new ArrayList<>();
    int expansions;

    RecordingContext(Map<String, String> macros, boolean capture) {
        this.macros = macros;
        this.capture = capture;
    }

    static RecordingContext plain() {
        return new RecordingContext(Map.of(), false);
    }

    static RecordingContext capturing() {
        return new RecordingContext(Map.of(), true);
    }

    @Override
    public String expandMacros(String text) {
        expansions++;
        Matcher m = MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(macros.getOrDefault(m.group(1).toLowerCase(), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public boolean captureEnabled() {
        return capture;
    }

    @Override
    public void captured(Captures groups) {
        captures.add(groups.groups());
    }
}
