package dev.aiguard.llm.internal.train;

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
import java.util.Map;

/**
 * Trains the shipped prompt classifier, reproducibly:
 * <pre>./mvnw -pl aiguard-llm -am install -DskipTests &amp;&amp; ./mvnw -pl aiguard-llm exec:java</pre>
 * (arguments: corpus directory, output file). Uses only the training split ({@link Corpus#isTraining}); the held-out
 * split is left for {@code PromptDetectorEvaluationTest}. The decision threshold is calibrated on out-of-fold scores
 * (5-fold cross-validation inside the training split) to a target false-positive rate, then the final model is
 * trained on the whole training split.
 */
public final class TrainPromptModel {

    /** Target false-positive rate of the classifier alone on out-of-fold benign texts. */
    static final double TARGET_FPR = 0.005;
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
        double threshold = thresholdAt(training, oof, TARGET_FPR);
        List<Double> oofList = new ArrayList<>();
        for (double d : oof) {
            oofList.add(d);
        }
        Evaluation cv = Evaluation.of(training, oofList, threshold);
        System.out.print(cv.report("classifier, " + FOLDS + "-fold out-of-fold on the training split"));
        Map<String, Float> calibration = new LinkedHashMap<>();
        calibration.put("threshold", (float) threshold);
        calibration.put("target_fpr", (float) TARGET_FPR);
        calibration.put("cv_recall", (float) cv.recall());
        calibration.put("cv_fpr", (float) cv.falsePositiveRate());
        calibration.put("training_samples", (float) training.size());
        PromptModel model = trainer.train(training, calibration);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.write(os);
        }
        System.out.printf("wrote %s (%d bytes), threshold %.4f%n", out, Files.size(out), threshold);
    }

    /** Each training text scored by a model trained without its fold. */
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
                scores[i] = model.score(TextNormalizer.normalize(training.get(i).text()));
            }
        }
        return scores;
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
