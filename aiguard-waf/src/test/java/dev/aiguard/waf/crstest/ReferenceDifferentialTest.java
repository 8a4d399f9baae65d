package dev.aiguard.waf.crstest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.MatchedRule;
import dev.aiguard.waf.SecLangEngine;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.WafResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential check against the reference engine's answers in {@code ../shared/bench/*.modsec-pl1.jsonl}
 * (libmodsecurity 3.0.9 + CRS v4.28 at PL1, phases 1-2). Opt-in: {@code -Daiguard.bench.diff=web-attack-dev,...}.
 * Prints, per rule id, how often only one side fired; writes details to {@code target/bench-diff-<file>.txt}.
 */
class ReferenceDifferentialTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void firedRulesAgreeWithTheReferenceEngine() throws IOException {
        String files = System.getProperty("aiguard.bench.diff");
        String crsDir = System.getProperty("aiguard.crs.dir");
        String shared = System.getProperty("aiguard.shared.dir");
        Assumptions.assumeTrue(files != null && !files.isBlank(), "opt-in: -Daiguard.bench.diff=web-attack-dev");
        Assumptions.assumeTrue(crsDir != null && shared != null && Files.isDirectory(Path.of(crsDir, "rules")),
                "CRS or ../shared/bench not found");
        Path crs = Path.of(crsDir);
        SecLangEngine engine = SecLangEngine.builder().regexEngine(System.getProperty("aiguard.bench.regex", "re2j"))
                .ruleText("SecRuleEngine On\nSecRequestBodyAccess On\n", "engine.conf")
                .rules(crs.resolve("crs-setup.conf.example"), crs.resolve("rules")).build();
        for (String name : files.split(",")) {
            Path requests = Path.of(shared, "bench", name.trim() + ".jsonl");
            Path answers = Path.of(shared, "bench", name.trim() + ".modsec-pl1.jsonl");
            Map<String, JsonNode> reference = new HashMap<>();
            try (BufferedReader r = Files.newBufferedReader(answers)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode n = json.readTree(line);
                    reference.put(n.get("id").asText(), n);
                }
            }
            Map<String, int[]> byRule = new TreeMap<>();
            List<String> details = new ArrayList<>();
            int total = 0;
            int same = 0;
            int sameStatus = 0;
            try (BufferedReader r = Files.newBufferedReader(requests)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode req = json.readTree(line);
                    JsonNode ref = reference.get(req.get("id").asText());
                    if (ref == null) {
                        continue;
                    }
                    total++;
                    WafResult result = engine.newTransaction(request(req)).processRequest();
                    TreeSet<String> ours = new TreeSet<>();
                    for (MatchedRule m : result.loggedRules()) {
                        ours.add(Integer.toString(m.id()));
                    }
                    TreeSet<String> theirs = new TreeSet<>();
                    ref.get("matched").forEach(n -> theirs.add(n.asText()));
                    int status = result.interruption().map(i -> i.status()).orElse(200);
                    if (status == ref.get("status").asInt()) {
                        sameStatus++;
                    }
                    if (ours.equals(theirs)) {
                        same++;
                        continue;
                    }
                    TreeSet<String> onlyOurs = new TreeSet<>(ours);
                    onlyOurs.removeAll(theirs);
                    TreeSet<String> onlyTheirs = new TreeSet<>(theirs);
                    onlyTheirs.removeAll(ours);
                    onlyOurs.forEach(id -> byRule.computeIfAbsent(id, k -> new int[2])[0]++);
                    onlyTheirs.forEach(id -> byRule.computeIfAbsent(id, k -> new int[2])[1]++);
                    details.add(req.get("id").asText() + "\tonly ours " + onlyOurs + "\tonly reference " + onlyTheirs
                            + "\t" + req.get("uri").asText());
                }
            }
            StringBuilder summary = new StringBuilder(String.format(
                    "%s: %d requests, identical fired-rule sets %d (%.2f%%), same status %d (%.2f%%)%n", name,
                    total, same, 100.0 * same / Math.max(1, total), sameStatus,
                    100.0 * sameStatus / Math.max(1, total)));
            byRule.forEach((id, c) -> summary.append(String.format("  %s only ours %d, only reference %d%n", id,
                    c[0], c[1])));
            System.out.print(summary);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-diff-" + name.trim() + ".txt"),
                    summary + String.join("\n", details) + "\n");
            assertThat(total).isPositive();
        }
    }

    private static WafRequest request(JsonNode req) {
        List<HttpHeader> headers = new ArrayList<>();
        req.path("headers").forEach(h -> headers.add(new HttpHeader(bytes(h.get(0).asText()), bytes(h.get(1).asText()))));
        byte[] body = req.path("body").asText("").getBytes(StandardCharsets.UTF_8);
        String host = headers.stream().filter(h -> h.name().equalsIgnoreCase("Host")).map(HttpHeader::value)
                .findFirst().orElse("localhost");
        return new WafRequest(req.get("method").asText(), bytes(req.get("uri").asText()),
                req.path("version").asText("HTTP/1.1"), headers, "198.51.100.7", 40000, host, 443, body);
    }

    private static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
