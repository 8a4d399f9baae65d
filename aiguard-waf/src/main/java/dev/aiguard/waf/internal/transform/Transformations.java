package dev.aiguard.waf.internal.transform;

/** Looks up transformations by their rule name (case-insensitive, as ModSecurity does). */
public final class Transformations {

    private Transformations() {
    }

    /**
     * @throws IllegalArgumentException for an unknown name (the message names it)
     */
    public static Transformation byName(String name) {
        throw new IllegalArgumentException("unknown transformation 't:" + name + "'");
    }
}
