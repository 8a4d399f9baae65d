package dev.aiguard.llm.internal.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Detection quality of a scorer on labelled texts at one threshold: overall precision, recall and false-positive rate,
 * and per category the share flagged (recall for attack categories, false-positive rate for benign ones).
 *
 * @param threshold      score at or above which a text counts as flagged
 * @param truePositives  attacks flagged
 * @param falseNegatives attacks missed
 * @param falsePositives benign texts flagged
 * @param trueNegatives  benign texts passed
 * @param categories     per category: samples and flagged
 */
public record Evaluation(double threshold, int truePositives, int falseNegatives, int falsePositives, int trueNegatives,
                         Map<String, CategoryCount> categories) {

    /**
     * Counts of one category.
     *
     * @param attack  whether the category holds attacks
     * @param samples texts in it
     * @param flagged texts flagged
     */
    public record CategoryCount(boolean attack, int samples, int flagged) {
        public double rate() {
            return samples == 0 ? 0 : (double) flagged / samples;
        }
    }

    /** Scores every sample and counts. */
    public static Evaluation of(List<LabeledText> samples, ToDoubleFunction<String> scorer, double threshold) {
        List<Double> scores = new ArrayList<>(samples.size());
        for (LabeledText s : samples) {
            scores.add(scorer.applyAsDouble(s.text()));
        }
        return of(samples, scores, threshold);
    }

    /** Counts from precomputed scores (same order as samples). */
    public static Evaluation of(List<LabeledText> samples, List<Double> scores, double threshold) {
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        Map<String, int[]> cats = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            LabeledText s = samples.get(i);
            boolean flagged = scores.get(i) >= threshold;
            if (s.attack()) {
                tp += flagged ? 1 : 0;
                fn += flagged ? 0 : 1;
            } else {
                fp += flagged ? 1 : 0;
                tn += flagged ? 0 : 1;
            }
            int[] c = cats.computeIfAbsent((s.attack() ? "A " : "B ") + s.category(), k -> new int[2]);
            c[0]++;
            c[1] += flagged ? 1 : 0;
        }
        Map<String, CategoryCount> out = new TreeMap<>();
        cats.forEach((k, v) -> out.put(k.substring(2), new CategoryCount(k.startsWith("A"), v[0], v[1])));
        return new Evaluation(threshold, tp, fn, fp, tn, out);
    }

    public double precision() {
        return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
        return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double falsePositiveRate() {
        return falsePositives + trueNegatives == 0 ? 0 : (double) falsePositives / (falsePositives + trueNegatives);
    }

    /** Recall over the attack categories that {@code include} accepts. */
    public double recall(java.util.function.Predicate<String> include) {
        int samples = 0;
        int flagged = 0;
        for (Map.Entry<String, CategoryCount> e : categories.entrySet()) {
            if (e.getValue().attack() && include.test(e.getKey())) {
                samples += e.getValue().samples();
                flagged += e.getValue().flagged();
            }
        }
        return samples == 0 ? 0 : (double) flagged / samples;
    }

    /** Recall or false-positive rate of one category. */
    public double categoryRate(String category) {
        CategoryCount c = categories.get(category);
        return c == null ? 0 : c.rate();
    }

    /** A printable table. */
    public String report(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (threshold %.2f): precision %.4f, recall %.4f (%d/%d), FP rate %.4f (%d/%d)%n",
                title, threshold, precision(), recall(), truePositives, truePositives + falseNegatives,
                falsePositiveRate(), falsePositives, falsePositives + trueNegatives));
        sb.append(String.format(Locale.ROOT, "  %-28s %6s %7s %8s%n", "category", "n", "flagged", "rate"));
        for (Map.Entry<String, CategoryCount> e : categories.entrySet()) {
            CategoryCount c = e.getValue();
            sb.append(String.format(Locale.ROOT, "  %-28s %6d %7d %7.2f%% %s%n", e.getKey(), c.samples(), c.flagged(),
                    100 * c.rate(), c.attack() ? "recall" : "FP"));
        }
        return sb.toString();
    }
}
