package dev.aiguard.llm.internal.train;

import dev.aiguard.llm.internal.detect.PromptDetector;
import dev.aiguard.llm.internal.detect.PromptModel;
import dev.aiguard.llm.internal.detect.TextNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the shipped prompt classifier, reproducibly:
 * <pre>./mvnw -pl aiguard-llm -am install -DskipTests &amp;&amp; ./mvnw -pl aiguard-llm exec:java</pre>
 * (arguments: corpus directory, output file). Uses only the training split ({@link Corpus#isTraining}); the held-out
 * split is left for {@code PromptEvaluationTest}. The decision threshold is calibrated on out-of-fold scores (5-fold
 * cross-validation inside the training split) for the detector as a whole: a text counts as flagged when a blocking
 * signature fires or its out-of-fold classifier score reaches the threshold, and the threshold is the lowest that keeps
 * the flagged benign texts at the target rate. The final model is then trained on the whole training split.
 */
public final class TrainPromptModel {

    /**
     * Target false-positive rate of the whole detector (signatures + classifier) on out-of-fold benign texts. Below
     * the 1% the issue allows, because a held-out split (and other people's prompts) run a little hotter than
     * out-of-fold scores.
     */
    static final double TARGET_FPR = 0.0075;
    /** Further operating points printed for the model-selection record. */
    static final double[] REPORTED_FPRS = {0.005, 0.0075, 0.01};
    static final int FOLDS = 5;

    private TrainPromptModel() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrainPromptModel <corpus-dir> <output-model-file>");
            System.exit(2);
        }
        List<LabeledText> training = Corpus.training(Corpus.load(Path.of(args[0])));
        LogisticTrainer trainer = LogisticTrainer.DEFAULT;
        double[] oof = outOfFold(training, trainer);
        double[] signatures = signatureScores(training);
        for (double fpr : REPORTED_FPRS) {
            double t = detectorThresholdAt(training, oof, signatures, fpr);
            Evaluation e = Evaluation.of(training, detectorScores(oof, signatures, t), 0.5);
            System.out.printf(Locale.ROOT, "target %.2f%% FP: threshold %.4f, recall %.4f, without harmful_request %.4f, FP %.4f%n",
                    100 * fpr, t, e.recall(), e.recall(c -> !c.equals("harmful_request")), e.falsePositiveRate());
        }
        double threshold = detectorThresholdAt(training, oof, signatures, TARGET_FPR);
        List<Double> classifierOnly = new ArrayList<>();
        for (double d : oof) {
            classifierOnly.add(d);
        }
        Evaluation classifier = Evaluation.of(training, classifierOnly, threshold);
        System.out.print(classifier.report("classifier alone, " + FOLDS + "-fold out-of-fold on the training split"));
        Evaluation cv = Evaluation.of(training, detectorScores(oof, signatures, threshold), 0.5);
        System.out.print(cv.report("detector (signatures + out-of-fold classifier) on the training split, score"));
        Map<String, Float> calibration = new LinkedHashMap<>();
        calibration.put("threshold", (float) threshold);
        calibration.put("target_fpr", (float) TARGET_FPR);
        calibration.put("cv_recall", (float) cv.recall());
        calibration.put("cv_fpr", (float) cv.falsePositiveRate());
        calibration.put("cv_classifier_recall", (float) classifier.recall());
        calibration.put("cv_classifier_fpr", (float) classifier.falsePositiveRate());
        calibration.put("training_samples", (float) training.size());
        PromptModel model = trainer.train(training, calibration);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.write(os);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes), threshold %.4f%n", out, Files.size(out), threshold);
    }

    /** Each training text scored (windowed, as the detector does) by a model trained without its fold. */
    static double[] outOfFold(List<LabeledText> training, LogisticTrainer trainer) {
        double[] scores = new double[training.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<LabeledText> fit = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < training.size(); i++) {
                if (Corpus.fold(training.get(i).text(), FOLDS) == fold) {
                    held.add(i);
                } else {
                    fit.add(training.get(i));
                }
            }
            PromptModel model = trainer.train(fit, new HashMap<>());
            for (int i : held) {
                scores[i] = model.scoreWindowed(TextNormalizer.normalize(training.get(i).text()));
            }
        }
        return scores;
    }

    /** The detector's score of every text from signatures and encoding checks alone. */
    static double[] signatureScores(List<LabeledText> samples) {
        // signatureScore never consults the model; any model will do.
        PromptDetector detector = new PromptDetector(new PromptModel(10, 0f, new float[1 << 10], Map.of()));
        double[] scores = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            scores[i] = detector.signatureScore(samples.get(i).text());
        }
        return scores;
    }

    /**
     * The detector's scores with the classifier calibrated at {@code threshold}: the stronger of the signature score
     * and the classifier probability re-centred so that {@code threshold} maps to 0.5 (as {@link PromptDetector} does).
     */
    static List<Double> detectorScores(double[] classifier, double[] signatures, double threshold) {
        double thresholdLogit = logit(threshold);
        List<Double> out = new ArrayList<>(classifier.length);
        for (int i = 0; i < classifier.length; i++) {
            double calibrated = 1.0 / (1.0 + Math.exp(-(logit(classifier[i]) - thresholdLogit)));
            out.add(Math.max(signatures[i], calibrated));
        }
        return out;
    }

    private static double logit(double p) {
        double clipped = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.log(clipped / (1 - clipped));
    }

    /**
     * The lowest classifier threshold at which the whole detector flags at most {@code fpr} of the benign texts: the
     * benign texts a blocking signature already flags use up part of the budget, the classifier gets the rest.
     */
    static double detectorThresholdAt(List<LabeledText> samples, double[] classifier, double[] signatures, double fpr) {
        int benign = 0;
        int signatureFlagged = 0;
        List<Double> rest = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).attack()) {
                continue;
            }
            benign++;
            if (signatures[i] >= 0.5) {
                signatureFlagged++;
            } else {
                rest.add(classifier[i]);
            }
        }
        double[] sorted = rest.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int allowed = Math.max(0, (int) Math.floor(fpr * benign) - signatureFlagged);
        if (allowed >= sorted.length) {
            return 0;
        }
        return Math.min(1 - 1e-9, Math.nextUp(sorted[sorted.length - 1 - allowed]));
    }

    /** The lowest threshold that flags at most {@code fpr} of the benign texts. */
    static double thresholdAt(List<LabeledText> samples, double[] scores, double fpr) {
        double[] benign = new double[samples.size()];
        int n = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).attack()) {
                benign[n++] = scores[i];
            }
        }
        double[] sorted = Arrays.copyOf(benign, n);
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(fpr * n);
        // Flag only scores strictly above the (allowed+1)-th highest benign score.
        double cut = sorted[n - 1 - allowed];
        return Math.nextUp(cut);
    }
}
