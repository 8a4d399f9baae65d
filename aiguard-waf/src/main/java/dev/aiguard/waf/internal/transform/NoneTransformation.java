package dev.aiguard.waf.internal.transform;

/**
 * {@code t:none}. As a value transformation it is the identity, but in a rule it means "discard
 * the transformations inherited so far" (from {@code SecDefaultAction} or earlier in the list). The
 * caller recognises it with {@link Transformations#isNone(Transformation)} and resets its chain
 * instead of appending it.
 */
final class NoneTransformation implements Transformation {

    static final NoneTransformation INSTANCE = new NoneTransformation();

    private NoneTransformation() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String apply(String input) {
        return input;
    }
}
