package dev.aiguard.output.internal.detect;

/**
 * A validated detection in a text.
 *
 * @param start    first char
 * @param end      one past the last char
 * @param detector what found it
 * @param open     whether the match runs to the end of the text seen so far and may continue in text not yet seen
 *                 (a long token, a private key body): redaction then carries on into what follows
 */
public record Match(int start, int end, Detector detector, boolean open) {
}
