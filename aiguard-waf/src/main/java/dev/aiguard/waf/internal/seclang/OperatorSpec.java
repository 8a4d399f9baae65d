package dev.aiguard.waf.internal.seclang;

/**
 * A rule's operator: {@code "@rx foo"} gives name {@code rx}, argument {@code foo}. A bare
 * argument with no {@code @name} is {@code rx}. {@code "!@eq 0"} is negated.
 *
 * @param name     operator name without {@code @}, as written (e.g. {@code pmFromFile})
 * @param argument the argument text, unescaped from the double-quoted form; may be empty
 * @param negated  the operator was prefixed with {@code !}
 */
public record OperatorSpec(String name, String argument, boolean negated) {
}
