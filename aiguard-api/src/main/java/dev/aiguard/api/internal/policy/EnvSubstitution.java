package dev.aiguard.api.internal.policy;

import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in scalar values with environment variables. {@code $${}
 * writes a literal {@code ${}. As in the shell, {@code :-} also applies when the variable is set but empty. The
 * environment is a function so tests can inject one.
 */
public final class EnvSubstitution {

    private final Function<String, String> environment;

    public EnvSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The result of substituting one value.
     *
     * @param text  the substituted text, or {@code null} on error
     * @param error what went wrong (names the variable, never a value), or {@code null}
     */
    public record Result(String text, String error) {
    }

    public Result substitute(String value) {
        if (value.indexOf('$') < 0) {
            return new Result(value, null);
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    return new Result(null, "unterminated ${...} reference");
                }
                String error = expand(value.substring(i + 2, end), out);
                if (error != null) {
                    return new Result(null, error);
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Result(out.toString(), null);
    }

    private String expand(String reference, StringBuilder out) {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "invalid environment variable name in '${" + reference + "}'";
        }
        String value = environment.apply(name);
        if (value == null || (sep >= 0 && value.isEmpty())) {
            if (sep < 0) {
                return "environment variable '" + name + "' is not set (use ${" + name + ":-default} for a default)";
            }
            value = reference.substring(sep + 2);
        }
        out.append(value);
        return null;
    }
}
