package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the CRS go-ftw regression tests of the four detector rules against the detectors alone: each
 * stage's request is split into the variables the rule inspects, the rule's transformations are
 * applied (approximately, see {@link CrsDetectorChains}), and the rule "matches" when the detector
 * flags any value. Expected ids must match, unexpected ids must not.
 */
class CrsDetectorRegressionTest {

    private static final SqlInjectionDetector SQLI = new SqlInjectionDetector();
    private static final XssDetector XSS = new XssDetector();

    /** A detector rule: id, test directory, targets, transformations, operator. */
    private record Rule(String id, String directory, Function<FtwRequest, List<FtwRequest.Value>> targets,
            UnaryOperator<String> transformations, Function<String, Optional<String>> operator) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("942100", "REQUEST-942-APPLICATION-ATTACK-SQLI", r -> concat(r.cookies(false), r.cookies(true),
                    r.header("User-Agent", "REQUEST_HEADERS:User-Agent"),
                    r.header("Referer", "REQUEST_HEADERS:Referer"), r.argNames(), r.args(), r.xml()),
                    CrsDetectorChains.SQLI_CHAIN, SQLI::detect),
            new Rule("942101", "REQUEST-942-APPLICATION-ATTACK-SQLI", r -> List.of(r.basename(), r.filename()),
                    CrsDetectorChains.SQLI_CHAIN, SQLI::detect),
            new Rule("941100", "REQUEST-941-APPLICATION-ATTACK-XSS", r -> concat(r.cookies(false), r.cookies(true),
                    r.header("User-Agent", "REQUEST_HEADERS:User-Agent"), r.argNames(), r.args(), r.xml()),
                    CrsDetectorChains.XSS_CHAIN, XSS::detect),
            new Rule("941101", "REQUEST-941-APPLICATION-ATTACK-XSS", r -> concat(List.of(r.filename()),
                    r.header("Referer", "REQUEST_HEADERS:Referer")),
                    CrsDetectorChains.XSS_CHAIN, XSS::detect));

    @TestFactory
    Stream<DynamicTest> detectorRulesPassTheirCrsRegressionTests() throws IOException {
        Path tests = SharedData.crsDir().resolve("tests/regression/tests");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<DynamicTest> out = new ArrayList<>();
        for (Rule rule : RULES) {
            JsonNode file = yaml.readTree(tests.resolve(rule.directory()).resolve(rule.id() + ".yaml").toFile());
            for (JsonNode test : file.get("tests")) {
                String name = rule.id() + "-" + test.get("test_id").asText() + " " + test.path("desc").asText();
                out.add(dynamicTest(name, () -> checkStages(rule, test, yaml)));
            }
        }
        assertThat(out).hasSize(36);
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    private static void checkStages(Rule rule, JsonNode test, ObjectMapper yaml) {
        for (JsonNode stage : test.get("stages")) {
            FtwRequest request = new FtwRequest(yaml.convertValue(stage.get("input"), Map.class));
            List<String> hits = new ArrayList<>();
            for (FtwRequest.Value value : rule.targets().apply(request)) {
                rule.operator().apply(rule.transformations().apply(value.value()))
                        .ifPresent(hit -> hits.add(value.variable() + " -> " + hit));
            }
            JsonNode log = stage.path("output").path("log");
            if (contains(log.path("expect_ids"), rule.id())) {
                assertThat(hits).as("rule %s should match some value of %s", rule.id(), stage.get("input"))
                        .isNotEmpty();
            }
            if (contains(log.path("no_expect_ids"), rule.id())) {
                assertThat(hits).as("rule %s should not match", rule.id()).isEmpty();
            }
        }
    }

    private static boolean contains(JsonNode ids, String id) {
        for (JsonNode node : ids) {
            if (node.asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static List<FtwRequest.Value> concat(List<FtwRequest.Value>... lists) {
        List<FtwRequest.Value> out = new ArrayList<>();
        for (List<FtwRequest.Value> list : lists) {
            out.addAll(list);
        }
        return out;
    }
}
