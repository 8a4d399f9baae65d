package dev.aiguard.waf.internal.engine;

import java.util.regex.Pattern;

/**
 * One resolved rule target. Keys match case-insensitively, as ModSecurity matches header, argument and TX names.
 *
 * @param variable   the variable
 * @param key        the literal key, or {@code null} for the whole collection (or when {@code keyPattern} is set)
 * @param keyPattern the {@code /regex/} key, or {@code null}
 * @param count      {@code &VAR}: the number of values instead of the values
 * @param exclude    {@code !VAR}: removes matching values from the rule's other targets
 */
public record CompiledTarget(Variable variable, String key, Pattern keyPattern, boolean count, boolean exclude) {

    /** Compiles a key regex the way ModSecurity applies it to names: unanchored and case-insensitive. */
    public static Pattern keyRegex(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** {@code true} when this target has no key, i.e. selects every member of the collection. */
    public boolean wholeCollection() {
        return key == null && keyPattern == null;
    }

    /** {@code true} when a member named {@code name} is selected by this target's key. */
    public boolean selectsKey(String name) {
        if (keyPattern != null) {
            return name != null && keyPattern.matcher(name).find();
        }
        return key == null || key.equalsIgnoreCase(name);
    }

    /** {@code true} when this exclusion (or selector) removes the given value. */
    public boolean covers(VarValue value) {
        return value.variable() == variable && (wholeCollection() || selectsKey(value.key()));
    }

    /** The target as written, e.g. {@code !REQUEST_HEADERS:Referer} or {@code &TX:/^foo/}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (exclude) {
            out.append('!');
        }
        if (count) {
            out.append('&');
        }
        out.append(variable.name());
        if (keyPattern != null) {
            out.append(":/").append(keyPattern.pattern()).append('/');
        } else if (key != null) {
            out.append(':').append(key);
        }
        return out.toString();
    }
}
