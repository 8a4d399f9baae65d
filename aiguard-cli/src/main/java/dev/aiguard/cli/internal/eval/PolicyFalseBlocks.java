package dev.aiguard.cli.internal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.cli.internal.RecordedRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs labelled benign requests (JSON Lines as in {@code ../shared/bench}) through a whole policy and counts false
 * blocks: blocked requests, requests a monitor-mode stage would have blocked, and per cause (the stage and, for CRS,
 * the rule family of the rules named by the block) and per category.
 *
 * @param requests   requests read
 * @param blocked    requests blocked
 * @param wouldBlock requests let through that a monitor-mode stage or rule would have blocked
 * @param causes     per cause ({@code waf 942}, {@code prompt-injection prompt.injection}): requests blocked or
 *                   would-block that name it
 * @param categories per category: {requests, blocked, wouldBlock}
 */
public record PolicyFalseBlocks(int requests, int blocked, int wouldBlock, Map<String, Integer> causes,
                                Map<String, int[]> categories) {

    /** Reads every line of {@code in} and inspects it with {@code guard}. */
    public static PolicyFalseBlocks run(Guard guard, BufferedReader in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int requests = 0;
        int blocked = 0;
        int wouldBlock = 0;
        Map<String, Integer> causes = new TreeMap<>();
        Map<String, int[]> categories = new TreeMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            RecordedRequest recorded = RecordedRequest.fromJson(node);
            Verdict v = guard.inspect(recorded.toGuardRequest(guard.config().maxBodyBytes()));
            if (v.allowed()) {
                guard.complete(v.exchange(), ResponseInfo.of(200, Usage.unknown()));
            }
            requests++;
            blocked += v.blocked() ? 1 : 0;
            wouldBlock += v.wouldBlock() && !v.blocked() ? 1 : 0;
            int[] c = categories.computeIfAbsent(node.path("category").asText("uncategorized"), k -> new int[3]);
            c[0]++;
            c[1] += v.blocked() ? 1 : 0;
            c[2] += v.wouldBlock() && !v.blocked() ? 1 : 0;
            if (v.blocked() || v.wouldBlock()) {
                v.findings().stream().map(PolicyFalseBlocks::cause).distinct()
                        .forEach(cause -> causes.merge(cause, 1, Integer::sum));
            }
        }
        return new PolicyFalseBlocks(requests, blocked, wouldBlock, causes, categories);
    }

    /** Blocked share of all requests. */
    public double falseBlockRate() {
        return requests == 0 ? 0 : (double) blocked / requests;
    }

    /** Blocked or would-block share: the rate if every monitor-mode stage were enforced. */
    public double enforcedRate() {
        return requests == 0 ? 0 : (double) (blocked + wouldBlock) / requests;
    }

    /** A CRS finding's rule family ({@code waf 942}); other stages' rule ids as they are. */
    private static String cause(Finding f) {
        String id = f.ruleId();
        if (id.matches("\\d{6}")) {
            return f.stage() + " " + id.substring(0, 3);
        }
        return f.stage() + " " + id;
    }

    /** A printable report. */
    public String report(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: requests %d, blocked %d (%.2f%%), would block %d more (%.2f%% if "
                        + "monitor-mode stages enforced)%n", title, requests, blocked, 100 * falseBlockRate(), wouldBlock,
                100 * enforcedRate()));
        sb.append("  findings in blocked or would-block requests, by stage and rule (CRS: rule family):\n");
        causes.forEach((k, n) -> sb.append(String.format(Locale.ROOT, "    %-40s %d%n", k, n)));
        sb.append(String.format(Locale.ROOT, "  %-28s %6s %7s %11s%n", "category", "n", "blocked", "wouldBlock"));
        categories.forEach((k, c) -> sb.append(String.format(Locale.ROOT, "  %-28s %6d %7d %11d%n", k, c[0], c[1], c[2])));
        return sb.toString();
    }
}
