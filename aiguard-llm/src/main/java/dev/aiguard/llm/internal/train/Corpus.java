package dev.aiguard.llm.internal.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled prompt corpus ({@code prompt_attacks.jsonl} and {@code prompt_benign.jsonl}, one
 * {@code {"text", "label", "category", "source"}} object per line) and its deterministic train/held-out split.
 */
public final class Corpus {

    /** Share of samples (in percent of the hash space) that go to training; the rest is held out. */
    public static final int TRAIN_PERCENT = 80;

    private Corpus() {
    }

    /** Reads both files from {@code dir}. */
    public static List<LabeledText> load(Path dir) throws IOException {
        List<LabeledText> all = new ArrayList<>();
        read(dir.resolve("prompt_attacks.jsonl"), all);
        read(dir.resolve("prompt_benign.jsonl"), all);
        return all;
    }

    private static void read(Path file, List<LabeledText> into) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = mapper.readTree(line);
                into.add(new LabeledText(n.path("text").asText(), "attack".equals(n.path("label").asText()),
                        n.path("category").asText()));
            }
        }
    }

    /** A stable 64-bit hash of the text (FNV-1a over UTF-8): the split never depends on file order or a seed. */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** Whether a text belongs to the training split (else: held out, never seen by training). */
    public static boolean isTraining(String text) {
        return Long.remainderUnsigned(hash(text), 100) < TRAIN_PERCENT;
    }

    /** Cross-validation fold (0..folds-1) of a training text, independent of the split decision. */
    public static int fold(String text, int folds) {
        return (int) Long.remainderUnsigned(Long.divideUnsigned(hash(text), 100), folds);
    }

    public static List<LabeledText> training(List<LabeledText> all) {
        return all.stream().filter(t -> isTraining(t.text())).toList();
    }

    public static List<LabeledText> heldOut(List<LabeledText> all) {
        return all.stream().filter(t -> !isTraining(t.text())).toList();
    }
}
