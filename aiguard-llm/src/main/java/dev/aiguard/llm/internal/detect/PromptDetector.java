package dev.aiguard.llm.internal.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores prompt text 0..1 for injection and jailbreak: signatures and encoding checks (fast pass) plus the
 * statistical classifier. The classifier's probability is re-centred so that its calibrated threshold (the one that
 * kept the false-positive rate at the target during cross-validation) maps to 0.5; policies then use thresholds near
 * 0.5 whatever the model. Long texts are scored in overlapping windows (the strongest window counts), so an injection
 * buried in a long document is not diluted. Thread-safe.
 */
public final class PromptDetector {

    private final PromptModel model;
    private final double thresholdLogit;

    public PromptDetector(PromptModel model) {
        this.model = model;
        double t = model.calibration("threshold", 0.5);
        this.thresholdLogit = Math.log(t / (1 - t));
    }

    /** Scores text the caller wrote (user, system, assistant turns). */
    public Detection detect(String raw) {
        return detect(raw, false);
    }

    /**
     * Scores text; {@code indirect} marks third-party text (tool results, retrieved documents), which additionally
     * gets the {@link SignatureSet#indirect() indirect-injection signatures}.
     */
    public Detection detect(String raw, boolean indirect) {
        return detect(raw, indirect, true);
    }

    /**
     * The strongest signature or encoding hit alone, without the classifier (hidden text is checked with signatures
     * only). Training uses it to calibrate the classifier's threshold for the detector as a whole.
     */
    public double signatureScore(String raw) {
        return detect(raw, false, false).score();
    }

    private Detection detect(String raw, boolean indirect, boolean withClassifier) {
        String normalized = TextNormalizer.normalize(raw);
        List<Hit> hits = new ArrayList<>(2);
        signatures(SignatureSet.all(), normalized, hits);
        if (indirect) {
            signatures(SignatureSet.indirect(), normalized, hits);
        }
        rot13(normalized, hits);
        double classifier = withClassifier ? classify(normalized) : 0;
        EncodingDetector.Result enc = EncodingDetector.scan(raw);
        hits.addAll(enc.hits());
        for (String hidden : enc.decoded()) {
            String n = TextNormalizer.normalize(hidden);
            List<Hit> inner = new ArrayList<>(1);
            signatures(SignatureSet.all(), n, inner);
            double innerClassifier = withClassifier ? classify(n) : 0;
            double innerScore = Math.max(innerClassifier, inner.stream().mapToDouble(Hit::score).max().orElse(0));
            if (innerScore >= 0.5) {
                // Hidden instructions are worse than visible ones: report them as an encoding attack.
                hits.add(new Hit(SignatureSet.ENCODING, "encoding.hidden_instructions", Math.max(SignatureSet.STRONG, innerScore), -1));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        double best = hits.isEmpty() ? 0 : hits.get(0).score();
        return new Detection(Math.max(best, classifier), classifier, hits);
    }

    /** Calibrated classifier score of normalized text, windowed for long text. */
    double classify(String normalized) {
        // Calibration is monotonic: the calibrated score of the strongest window is the strongest calibrated window.
        return calibrated(model.scoreWindowed(normalized));
    }

    private double calibrated(double p) {
        double clipped = Math.min(1 - 1e-9, Math.max(1e-9, p));
        double logit = Math.log(clipped / (1 - clipped));
        return 1.0 / (1.0 + Math.exp(-(logit - thresholdLogit)));
    }

    private static void signatures(List<Signature> signatures, String normalized, List<Hit> hits) {
        for (Signature s : signatures) {
            int at = s.find(normalized);
            if (at >= 0) {
                hits.add(new Hit(s.ruleId(), s.name(), s.score(), at));
            }
        }
    }

    /**
     * Instructions written in rot13 are found by decoding and re-running the instruction signatures; signatures that
     * already matched the plain text are skipped (rot13 leaves non-Latin scripts unchanged).
     */
    private static void rot13(String normalized, List<Hit> hits) {
        String decoded = EncodingDetector.rot13(normalized);
        java.util.Set<String> plain = new java.util.HashSet<>();
        hits.forEach(h -> plain.add(h.name()));
        for (Signature s : SignatureSet.all()) {
            if (s.ruleId().equals(SignatureSet.DELIMITER) || s.score() < SignatureSet.MEDIUM || plain.contains(s.name())) {
                continue;
            }
            int at = s.find(decoded);
            if (at >= 0) {
                hits.add(new Hit(SignatureSet.ENCODING, "encoding.rot13", SignatureSet.STRONG, at));
                return;
            }
        }
    }
}
