package dev.aiguard.llm.internal.train;

/**
 * One corpus line.
 *
 * @param text     the prompt text
 * @param attack   whether it is labelled an attack
 * @param category the corpus category, e.g. {@code injection_indirect}, {@code benign_code}
 */
public record LabeledText(String text, boolean attack, String category) {
}
