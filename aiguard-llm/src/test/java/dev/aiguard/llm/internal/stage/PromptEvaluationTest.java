package dev.aiguard.llm.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Mode;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.Verdict;
import dev.aiguard.llm.PromptStageConfig;
import dev.aiguard.llm.SharedData;
import dev.aiguard.llm.internal.detect.PromptDetector;
import dev.aiguard.llm.internal.detect.PromptModel;
import dev.aiguard.llm.internal.train.Corpus;
import dev.aiguard.llm.internal.train.Evaluation;
import dev.aiguard.llm.internal.train.LabeledText;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures the prompt detector on data training never saw and ratchets the results: raise the floors when the
 * detector improves, never lower them silently. Figures are printed for the report and docs/prompt-detector.md.
 */
class PromptEvaluationTest {

    /** Ratchet floors, measured on the held-out split at the default user threshold (0.5). */
    static final double MIN_RECALL = 0.64;
    static final double MAX_FPR = 0.01;
    static final double MIN_PRECISION = 0.96;
    /** Ratchet for chat-benign-dev.jsonl false blocks through the prompt stage (whole file; 80% overlaps training). */
    static final double MAX_BENCH_FALSE_BLOCK = 0.003;
    /** The same on the bench requests whose prompt is in the held-out split. */
    static final double MAX_BENCH_HELD_OUT_FALSE_BLOCK = 0.01;

    @Test
    void heldOutSplitPrecisionRecallAndFalsePositivesPerCategory() throws IOException {
        List<LabeledText> heldOut = Corpus.heldOut(Corpus.load(SharedData.corpus()));
        PromptDetector detector = new PromptDetector(PromptModel.loadDefault());
        List<Double> scores = heldOut.stream().map(t -> detector.detect(t.text()).score()).toList();
        Evaluation e = Evaluation.of(heldOut, scores, 0.5);
        System.out.print(e.report("prompt detector on the held-out split (" + heldOut.size() + " texts)"));
        System.out.printf(Locale.ROOT, "  recall without harmful_request (injection, jailbreak, extraction, obfuscation only): %.4f%n",
                e.recall(c -> !c.equals("harmful_request")));
        for (double t : new double[] {0.2, 0.3, 0.4, 0.6}) {
            Evaluation other = Evaluation.of(heldOut, scores, t);
            System.out.printf(Locale.ROOT, "  at threshold %.2f: precision %.4f, recall %.4f, FP rate %.4f%n", t,
                    other.precision(), other.recall(), other.falsePositiveRate());
        }
        assertThat(e.recall()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(e.falsePositiveRate()).isLessThanOrEqualTo(MAX_FPR);
        assertThat(e.precision()).isGreaterThanOrEqualTo(MIN_PRECISION);
    }

    /**
     * The same held-out texts scored as third-party text (tool result / retrieved document), which adds the indirect
     * signatures. BIPIA samples wrap the document in the user's question, so this approximates a RAG deployment.
     */
    @Test
    void heldOutSplitScoredAsIndirectText() throws IOException {
        List<LabeledText> heldOut = Corpus.heldOut(Corpus.load(SharedData.corpus()));
        PromptDetector detector = new PromptDetector(PromptModel.loadDefault());
        Evaluation direct = Evaluation.of(heldOut, t -> detector.detect(t).score(), 0.5);
        Evaluation indirect = Evaluation.of(heldOut, t -> detector.detect(t, true).score(), 0.5);
        System.out.printf(Locale.ROOT, "scored as indirect text: injection_indirect recall %.4f (as user text %.4f), "
                        + "benign_document FP %.4f (as user text %.4f), all-benign FP %.4f (as user text %.4f)%n",
                indirect.categoryRate("injection_indirect"), direct.categoryRate("injection_indirect"),
                indirect.categoryRate("benign_document"), direct.categoryRate("benign_document"),
                indirect.falsePositiveRate(), direct.falsePositiveRate());
        assertThat(indirect.categoryRate("injection_indirect")).isGreaterThanOrEqualTo(direct.categoryRate("injection_indirect"));
        assertThat(indirect.categoryRate("benign_document")).isLessThanOrEqualTo(direct.categoryRate("benign_document") + 0.02);
    }

    @Test
    void chatBenignBenchFalseBlockRateThroughThePromptStage() throws Exception {
        Path bench = SharedData.bench("chat-benign-dev.jsonl");
        // A generous budget: this measures the detector, not how busy the build machine is.
        Guard guard = Guard.create(GuardConfig.builder().mode(Mode.ENFORCE).stage(dev.aiguard.api.ConfiguredStage.of("prompt",
                new PromptStageFactory().create(PromptStageConfig.defaults(),
                        new StageContext("prompt", Mode.ENFORCE, Map.of(), null)))
                .withBudget(java.time.Duration.ofMinutes(1), false)).build());
        ObjectMapper mapper = new ObjectMapper();
        int total = 0;
        int blocked = 0;
        int heldOutTotal = 0;
        int heldOutBlocked = 0;
        Map<String, int[]> perCategory = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(bench, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = mapper.readTree(line);
                Verdict v = guard.inspect(request(n));
                boolean heldOut = !Corpus.isTraining(userText(mapper, n));
                total++;
                blocked += v.blocked() ? 1 : 0;
                heldOutTotal += heldOut ? 1 : 0;
                heldOutBlocked += heldOut && v.blocked() ? 1 : 0;
                int[] c = perCategory.computeIfAbsent(n.path("category").asText(), k -> new int[2]);
                c[0]++;
                c[1] += v.blocked() ? 1 : 0;
            }
        }
        double rate = (double) blocked / total;
        System.out.printf(Locale.ROOT, "chat-benign-dev through the prompt stage: %d of %d blocked (%.2f%%); "
                        + "held-out prompts only: %d of %d (%.2f%%)%n", blocked, total, 100 * rate, heldOutBlocked,
                heldOutTotal, 100.0 * heldOutBlocked / Math.max(1, heldOutTotal));
        perCategory.forEach((k, c) -> {
            if (c[1] > 0) {
                System.out.printf(Locale.ROOT, "  %-28s %d/%d%n", k, c[1], c[0]);
            }
        });
        assertThat(rate).isLessThanOrEqualTo(MAX_BENCH_FALSE_BLOCK);
        assertThat((double) heldOutBlocked / heldOutTotal).isLessThanOrEqualTo(MAX_BENCH_HELD_OUT_FALSE_BLOCK);
    }

    static GuardRequest request(JsonNode n) {
        List<String> headers = new ArrayList<>();
        for (JsonNode h : n.path("headers")) {
            headers.add(h.get(0).asText());
            headers.add(h.get(1).asText());
        }
        return GuardRequest.builder().method(n.path("method").asText("POST")).uri(n.path("uri").asText("/"))
                .headers(Headers.of(headers.toArray(String[]::new))).body(n.path("body").asText()).build();
    }

    /** The last user message of the wrapped chat payload: the corpus text, which decides the split. */
    static String userText(ObjectMapper mapper, JsonNode n) throws IOException {
        String text = "";
        for (JsonNode m : mapper.readTree(n.path("body").asText()).path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                text = m.path("content").asText();
            }
        }
        return text;
    }
}
