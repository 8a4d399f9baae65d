package dev.aiguard.waf.internal.engine;

/**
 * One value of a variable as a rule sees it.
 *
 * @param variable the variable it came from
 * @param key      the member name inside a collection; {@code null} for scalars and unnamed values
 * @param value    the value (a byte string)
 */
public record VarValue(Variable variable, String key, String value) {

    /** The name ModSecurity logs for this value: {@code ARGS:foo}, {@code REQUEST_URI}. */
    public String name() {
        return key == null ? variable.name() : variable.name() + ":" + key;
    }
}
