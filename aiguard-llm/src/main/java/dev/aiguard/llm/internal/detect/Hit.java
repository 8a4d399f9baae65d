package dev.aiguard.llm.internal.detect;

/**
 * One detection inside a text.
 *
 * @param ruleId finding rule id ({@code prompt.injection}, {@code prompt.encoding}, ...)
 * @param name   what fired (signature name, {@code classifier}, {@code encoding.base64}...)
 * @param score  0..1
 * @param offset where in the (normalized or raw) text it was found; -1 when not positional
 */
public record Hit(String ruleId, String name, double score, int offset) {
}
