package dev.aiguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerRequestInInputOrderThenTheSummary() throws IOException {
        Path policy = policy("enforce");
        Path requests = requests(40);
        Path out = dir.resolve("out.jsonl");
        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--requests", requests.toString(),
                "--threads", "4", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(41);
        for (int i = 0; i < 40; i++) {
            JsonNode node = JSON.readTree(lines.get(i));
            assertThat(node.get("id").asText()).isEqualTo("r" + i);
            boolean attack = i % 4 == 0;
            assertThat(node.get("blocked").asBoolean()).isEqualTo(attack);
            assertThat(node.get("status").asInt()).isEqualTo(attack ? 403 : 200);
            assertThat(node.get("matched").toString()).isEqualTo(attack ? "[\"keyword.attack\"]" : "[]");
            assertThat(node.has("usec")).isTrue();
        }
        assertThat(lines.get(40)).contains("\"error\"").contains("\"line\":41");
        assertThat(run.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .matches("replay: requests=41 blocked=10 wouldBlock=0 req_per_s=[0-9.]+");
    }

    @Test
    void monitorModeReportsWouldBlockInsteadOfBlocking() throws IOException {
        CliRun run = CliRun.of("replay", "--policy", policy("monitor").toString(),
                "--requests", requests(8).toString(), "--no-timing");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("replay: requests=9 blocked=0 wouldBlock=2 ");
        assertThat(run.out()).contains("\"id\":\"r0\",\"blocked\":false,\"status\":200,\"matched\":[\"keyword.attack\"],\"wouldBlock\":true");
    }

    @Test
    void outputIsIdenticalAcrossRunsWithoutTiming() throws IOException {
        Path policy = policy("enforce");
        Path requests = requests(100);
        CliRun first = CliRun.of("replay", "--policy", policy.toString(), "--requests", requests.toString(),
                "--threads", "3", "--no-timing");
        CliRun second = CliRun.of("replay", "--policy", policy.toString(), "--requests", requests.toString(),
                "--threads", "1", "--no-timing");
        assertThat(withoutSummary(first.out())).isEqualTo(withoutSummary(second.out())).isNotEmpty();
    }

    @Test
    void invalidPolicyIsReportedWithItsLocation() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.yaml"), "apiVersion: aiguard.dev/v1\nmoed: enforce\n");
        CliRun run = CliRun.of("replay", "--policy", policy.toString(), "--requests", requests(1).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("p.yaml:2:1: moed: unknown key 'moed' (did you mean 'mode'?)");
    }

    @Test
    void compareCountsRequestsWithTheSameFiredRulesAndTablesTheDifferencesPerRule() throws IOException {
        // the keyword stage fires "keyword.attack" on r0, r4 (every fourth request); the reference agrees on r0,
        // misses r4, adds a rule on r1, and has the justified pair 942360 + 949110 on r2
        Path reference = Files.writeString(dir.resolve("ref.jsonl"), String.join("\n",
                "{\"id\":\"r0\",\"matched\":[\"keyword.attack\"],\"status\":403}",
                "{\"id\":\"r1\",\"matched\":[\"920350\"],\"status\":200}",
                "{\"id\":\"r2\",\"matched\":[\"942360\",\"949110\"],\"status\":403}",
                "{\"id\":\"r3\",\"matched\":[],\"status\":200}",
                "{\"id\":\"r4\",\"matched\":[],\"status\":200}",
                "{\"id\":\"r9\",\"matched\":[],\"status\":200}", ""));
        Path details = dir.resolve("details.txt");
        CliRun run = CliRun.of("replay", "--policy", policy("enforce").toString(), "--requests",
                requests(6).toString(), "--no-timing", "--out", dir.resolve("out.jsonl").toString(),
                "--compare", reference.toString(), "--compare-details", details.toString(), "--justified", "942360");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("compare: requests=5 agree=2 agreement=40.00% justified=1 with_justified=60.00% "
                + "same_order=2 same_status=3 (60.00%) without_reference=1 not_replayed=1 errors=1");
        assertThat(run.out()).containsPattern("keyword.attack +1 +2 +1 +0  r4 \\|");
        assertThat(run.out()).containsPattern("920350 +1 +0 +0 +1   \\| r1");
        assertThat(Files.readAllLines(details)).containsExactly(
                "r1\tonly ours []\tonly reference [920350]",
                "r2\tonly ours []\tonly reference [942360, 949110]\tjustified",
                "r4\tonly ours [keyword.attack]\tonly reference []");
    }

    @Test
    void minAgreementBelowTheMeasuredShareFailsTheRun() throws IOException {
        Path reference = Files.writeString(dir.resolve("ref.jsonl"),
                "{\"id\":\"r0\",\"matched\":[],\"status\":200}\n{\"id\":\"r1\",\"matched\":[],\"status\":200}\n");
        String[] args = {"replay", "--policy", policy("enforce").toString(), "--requests", requests(2).toString(),
                "--no-timing", "--compare", reference.toString()};
        CliRun strict = CliRun.of(concat(args, "--min-agreement", "0.6"));
        CliRun lenient = CliRun.of(concat(args, "--min-agreement", "0.5"));

        assertThat(strict.out()).contains("agreement=50.00%");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(lenient.exitCode()).isZero();
    }

    @Test
    void malformedReferenceIsAUsageErrorNamingTheLine() throws IOException {
        Path reference = Files.writeString(dir.resolve("ref.jsonl"), "{\"id\":\"r0\",\"matched\":[]}\n{\"id\":\"r1\"}\n");
        CliRun run = CliRun.of("replay", "--policy", policy("enforce").toString(), "--requests",
                requests(1).toString(), "--compare", reference.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ref.jsonl: line 2: needs \"id\" and a \"matched\" array");
    }

    @Test
    void compareOptionsWithoutCompareAreAUsageError() throws IOException {
        CliRun run = CliRun.of("replay", "--policy", policy("enforce").toString(), "--requests",
                requests(1).toString(), "--min-agreement", "0.9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need --compare");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static String withoutSummary(String out) {
        return out.lines().filter(l -> !l.startsWith("replay:")).reduce("", (a, b) -> a + b + "\n");
    }

    private Path policy(String mode) throws IOException {
        return Files.writeString(dir.resolve("policy-" + mode + ".yaml"), """
                apiVersion: aiguard.dev/v1
                mode: %s
                stages:
                  - type: keyword
                    word: attack
                """.formatted(mode));
    }

    /** {@code n} requests, every fourth an "attack", then one malformed line. */
    private Path requests(int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String body = i % 4 == 0 ? "an attack here" : "hello " + i;
            sb.append(JSON.writeValueAsString(java.util.Map.of(
                    "id", "r" + i, "method", "POST", "uri", "/v1/chat/completions?x=" + i, "version", "HTTP/1.1",
                    "headers", List.of(List.of("Content-Type", "text/plain")), "body", body))).append('\n');
        }
        sb.append("{not json\n");
        return Files.writeString(dir.resolve("requests-" + n + ".jsonl"), sb.toString());
    }
}
