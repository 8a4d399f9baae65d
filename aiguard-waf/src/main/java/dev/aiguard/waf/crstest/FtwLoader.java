package dev.aiguard.waf.crstest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads go-ftw regression tests ({@code tests/regression/tests/<rule-file>/<rule id>.yaml}). Tests are named
 * after the file name, not the {@code rule_id} field (933200.yaml says 9331200).
 */
public final class FtwLoader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * Loads every test below {@code testsDir}, sorted by rule file, then file, then file order.
     *
     * @throws UncheckedIOException when a file cannot be read or is not YAML
     */
    public List<FtwTest> loadAll(Path testsDir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testsDir)) {
            files = walk.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<FtwTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.addAll(load(file));
        }
        return tests;
    }

    /** Loads one file; an empty (comments-only) file has no tests. */
    public List<FtwTest> load(Path file) {
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<FtwTest> out = new ArrayList<>();
        if (root == null || root.isMissingNode() || !root.has("tests")) {
            return out;
        }
        String name = file.getFileName().toString();
        String ruleId = name.substring(0, name.lastIndexOf('.'));
        String ruleFile = file.getParent() == null ? "" : file.getParent().getFileName().toString();
        for (JsonNode test : root.get("tests")) {
            List<FtwStage> stages = new ArrayList<>();
            for (JsonNode stage : test.path("stages")) {
                JsonNode s = stage.has("stage") ? stage.get("stage") : stage;
                stages.add(new FtwStage(input(s.path("input")), output(s.path("output"))));
            }
            out.add(new FtwTest(ruleId + "-" + test.path("test_id").asText(), ruleFile, test.path("desc").asText(""),
                    stages));
        }
        return out;
    }

    private static FtwInput input(JsonNode in) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode h = in.path("headers");
        if (h.isObject()) {
            for (Map.Entry<String, JsonNode> f : h.properties()) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(f.getKey(), text(f.getValue())));
            }
        }
        return new FtwInput(in.path("dest_addr").asText("127.0.0.1"), in.path("port").asInt(80),
                in.has("method") ? text(in.get("method")) : "GET",
                in.has("uri") ? text(in.get("uri")) : "/",
                in.has("version") ? text(in.get("version")) : "HTTP/1.1",
                headers, in.has("data") ? text(in.get("data")) : null,
                in.has("encoded_request") ? text(in.get("encoded_request")) : null,
                in.path("autocomplete_headers").asBoolean(true));
    }

    private static FtwOutput output(JsonNode out) {
        JsonNode log = out.path("log");
        return new FtwOutput(ids(log.path("expect_ids")), ids(log.path("no_expect_ids")),
                log.has("match_regex") ? log.get("match_regex").asText() : null,
                log.has("no_match_regex") ? log.get("no_match_regex").asText() : null,
                out.has("status") ? out.get("status").asInt() : null,
                out.path("expect_error").asBoolean(false));
    }

    private static List<Integer> ids(JsonNode node) {
        List<Integer> ids = new ArrayList<>();
        for (JsonNode n : node) {
            ids.add(n.asInt());
        }
        return ids;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
