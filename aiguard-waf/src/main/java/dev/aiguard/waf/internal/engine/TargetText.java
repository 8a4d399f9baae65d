package dev.aiguard.waf.internal.engine;

import java.util.Locale;

/** Parses a single target written as text, e.g. in {@code ctl:ruleRemoveTargetById=942100;ARGS:foo}. */
final class TargetText {

    private TargetText() {
    }

    /**
     * @throws IllegalArgumentException for an unknown variable
     */
    static CompiledTarget parse(String text) {
        String t = text.trim();
        boolean exclude = t.startsWith("!");
        if (exclude) {
            t = t.substring(1);
        }
        boolean count = t.startsWith("&");
        if (count) {
            t = t.substring(1);
        }
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        String key = colon < 0 ? null : t.substring(colon + 1);
        Variable variable = Variable.byName(name.trim()).orElseThrow(
                () -> new IllegalArgumentException("unknown variable '" + name + "'"));
        if (key != null && key.length() >= 2 && key.startsWith("/") && key.endsWith("/")
                && variable != Variable.XML) {
            return new CompiledTarget(variable, null, CompiledTarget.keyRegex(key.substring(1, key.length() - 1)),
                    count, exclude);
        }
        if (key != null && key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
            key = key.substring(1, key.length() - 1);
        }
        return new CompiledTarget(variable, key == null ? null : key.toLowerCase(Locale.ROOT).isEmpty() ? null : key,
                null, count, exclude);
    }
}
