package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detection and false-positive rates on the shared web corpora, with the rules' transformations
 * applied. The floors are a ratchet: they sit just under what the detectors reached, so a change that
 * loses detections or adds false positives fails here and has to justify itself.
 */
class CorpusDetectionRateTest {

    /** One labelled corpus line, as the WAF sees it (UTF-8 bytes in the ISO-8859-1 view). */
    private record Sample(String category, String value) {
    }

    private static List<Sample> attacks;
    private static List<Sample> benign;
    private static List<Sample> prose;

    @BeforeAll
    static void load() throws IOException {
        Path corpus = SharedData.corpusDir();
        attacks = read(corpus.resolve("web_attacks.jsonl"));
        benign = read(corpus.resolve("web_benign.jsonl"));
        prose = read(corpus.resolve("prompt_benign.jsonl"));
    }

    @Test
    void sqlInjectionDetectorFindsMostSqlInjectionsWithFewFalsePositives() {
        Function<String, Optional<String>> detector = new SqlInjectionDetector()::detect;
        double detection = rate(attacks, "sqli", CrsDetectorChains.SQLI_CHAIN, detector);
        double falsePositives = rate(benign, null, CrsDetectorChains.SQLI_CHAIN, detector);
        System.out.printf("@detectSQLi: sqli detection %.2f%%, benign false positives %.3f%%%n",
                detection, falsePositives);
        assertThat(detection).isGreaterThanOrEqualTo(85.0);
        assertThat(falsePositives).isLessThanOrEqualTo(0.05);
    }

    @Test
    void xssDetectorFindsMostXssWithFewFalsePositives() {
        Function<String, Optional<String>> detector = new XssDetector()::detect;
        double detection = rate(attacks, "xss", CrsDetectorChains.XSS_CHAIN, detector);
        double falsePositives = rate(benign, null, CrsDetectorChains.XSS_CHAIN, detector);
        System.out.printf("@detectXSS: xss detection %.2f%%, benign false positives %.3f%%%n",
                detection, falsePositives);
        assertThat(detection).isGreaterThanOrEqualTo(92.0);
        assertThat(falsePositives).isLessThanOrEqualTo(0.02);
    }

    /**
     * Benign chat prompts are long prose with quotes, code, shell and SQL snippets and non-Latin text
     * (which the rules' utf8toUnicode/urlDecodeUni chain folds into arbitrary low bytes); a harder
     * false-positive test than form values. Snippets of real SQL and HTML account for part of it.
     */
    @Test
    void bothDetectorsRarelyFlagBenignProse() {
        double sqlFalsePositives = rate(prose, null, CrsDetectorChains.SQLI_CHAIN, new SqlInjectionDetector()::detect);
        double xssFalsePositives = rate(prose, null, CrsDetectorChains.XSS_CHAIN, new XssDetector()::detect);
        System.out.printf("benign prompts: @detectSQLi %.3f%%, @detectXSS %.3f%%%n", sqlFalsePositives,
                xssFalsePositives);
        assertThat(sqlFalsePositives).isLessThanOrEqualTo(0.35);
        assertThat(xssFalsePositives).isLessThanOrEqualTo(0.1);
    }

    /** Percentage of samples (of {@code category}, or all when null) that the detector flags. */
    private static double rate(List<Sample> samples, String category, UnaryOperator<String> transformations,
            Function<String, Optional<String>> detector) {
        int total = 0;
        int flagged = 0;
        for (Sample sample : samples) {
            if (category == null || category.equals(sample.category())) {
                total++;
                flagged += detector.apply(transformations.apply(sample.value())).isPresent() ? 1 : 0;
            }
        }
        assertThat(total).as("samples of %s", category).isPositive();
        return 100.0 * flagged / total;
    }

    private static List<Sample> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                byte[] bytes = node.get("text").asText().getBytes(StandardCharsets.UTF_8);
                out.add(new Sample(node.get("category").asText(), new String(bytes, StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }
}
