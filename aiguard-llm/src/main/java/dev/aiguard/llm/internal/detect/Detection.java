package dev.aiguard.llm.internal.detect;

import java.util.List;

/**
 * The detector's view of one text.
 *
 * @param score           0..1, the strongest of the calibrated classifier score and the hits
 * @param classifierScore calibrated classifier score (0.5 = the calibrated threshold)
 * @param hits            signature and encoding hits, strongest first
 */
public record Detection(double score, double classifierScore, List<Hit> hits) {

    public Detection {
        hits = List.copyOf(hits);
    }

    /** The rule the score comes from: the strongest hit's, or the classifier's ({@code prompt.injection}). */
    public String ruleId() {
        if (!hits.isEmpty() && hits.get(0).score() >= classifierScore) {
            return hits.get(0).ruleId();
        }
        for (Hit h : hits) {
            if (h.ruleId().equals(SignatureSet.JAILBREAK)) {
                return SignatureSet.JAILBREAK;
            }
        }
        return SignatureSet.INJECTION;
    }

    /** What produced the score, e.g. {@code classifier} or a signature name. */
    public String source() {
        return !hits.isEmpty() && hits.get(0).score() >= classifierScore ? hits.get(0).name() : "classifier";
    }
}
