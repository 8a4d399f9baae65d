package dev.aiguard.cli.internal.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.api.Finding;
import dev.aiguard.api.SecurityEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The JSON documents under {@code /api}: events, top, rules, graph, policy, series. */
final class ConsoleApi {

    /** Most events one call returns. */
    static final int MAX_EVENTS = 500;

    private final ObjectMapper json = new ObjectMapper();
    private final ConsoleData data;
    private final Supplier<PolicyInfo> policy;

    ConsoleApi(ConsoleData data, Supplier<PolicyInfo> policy) {
        this.data = data;
        this.policy = policy;
    }

    /** Events, newest first, filtered by exact stage, rule, identity and verdict (each optional). */
    ObjectNode events(Map<String, String> query) {
        Predicate<SecurityEvent> filter = e -> true;
        String stage = blankToNull(query.get("stage"));
        String rule = blankToNull(query.get("rule"));
        String identity = blankToNull(query.get("identity"));
        String verdict = blankToNull(query.get("verdict"));
        if (stage != null) {
            filter = filter.and(e -> stage.equals(ConsoleViews.stage(e)));
        }
        if (rule != null) {
            filter = filter.and(e -> ConsoleViews.hasRule(e, rule));
        }
        if (identity != null) {
            filter = filter.and(e -> identity.equals(ConsoleViews.identity(e)));
        }
        if (verdict != null) {
            filter = filter.and(e -> verdict.equals(ConsoleViews.verdict(e)));
        }
        int limit = parseLimit(query.get("limit"));
        ObjectNode out = json.createObjectNode();
        out.put("seen", data.eventsSeen());
        ArrayNode list = out.putArray("events");
        for (SecurityEvent e : data.events(filter, limit)) {
            list.add(event(e));
        }
        return out;
    }

    private ObjectNode event(SecurityEvent e) {
        ObjectNode o = json.createObjectNode();
        o.put("time", e.time().toString());
        o.put("type", ConsoleViews.type(e));
        o.put("verdict", ConsoleViews.verdict(e));
        o.put("identity", ConsoleViews.identity(e));
        o.put("stage", ConsoleViews.stage(e));
        o.put("reason", e.reason());
        o.put("method", e.method());
        o.put("path", e.path());
        o.put("status", e.httpStatus());
        o.put("mode", e.mode() == null ? null : e.mode().policyName());
        o.put("requestId", e.requestId());
        o.put("message", e.message());
        ArrayNode rules = o.putArray("rules");
        e.ruleIds().forEach(rules::add);
        ArrayNode findings = o.putArray("findings");
        for (Finding f : e.findings()) {
            findings.addObject().put("stage", f.stage()).put("rule", f.ruleId())
                    .put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("message", f.message()).put("target", f.target());
        }
        ObjectNode cost = o.putObject("cost");
        e.cost().forEach(cost::put);
        return o;
    }

    /** Top identities by cost (tokens) and by blocks, plus every identity's counters. */
    ObjectNode top(Map<String, String> query) {
        int limit = Math.min(parseLimit(query.get("limit")), 50);
        ObjectNode out = json.createObjectNode();
        identityRows(out.putArray("byCost"), data.identities().top(ConsoleData.TOKENS, limit));
        identityRows(out.putArray("byBlocks"), data.identities().top(ConsoleData.BLOCKS, limit));
        identityRows(out.putArray("byRequests"), data.identities().top(ConsoleData.REQUESTS, limit));
        return out;
    }

    private static void identityRows(ArrayNode array, List<Tally.Row> rows) {
        for (Tally.Row r : rows) {
            array.addObject().put("identity", r.key()).put("requests", r.get(ConsoleData.REQUESTS))
                    .put("blocks", r.get(ConsoleData.BLOCKS)).put("tokens", r.get(ConsoleData.TOKENS))
                    .put("egress", r.get(ConsoleData.EGRESS)).put("egressDenied", r.get(ConsoleData.EGRESS_DENIED));
        }
    }

    /** Per-rule counts: enforced blocks next to monitor-mode "would block", and findings. */
    ObjectNode rules() {
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("rules");
        data.rules().all().stream()
                .sorted((a, b) -> Long.compare(b.get(ConsoleData.ENFORCED) + b.get(ConsoleData.WOULD_BLOCK),
                        a.get(ConsoleData.ENFORCED) + a.get(ConsoleData.WOULD_BLOCK)))
                .forEach(r -> list.addObject().put("rule", r.key()).put("enforced", r.get(ConsoleData.ENFORCED))
                        .put("wouldBlock", r.get(ConsoleData.WOULD_BLOCK)).put("findings", r.get(ConsoleData.FINDINGS)));
        return out;
    }

    /** Nodes and edges: identities -> routes and models, workloads -> egress destinations. */
    ObjectNode graph() {
        ObjectNode out = json.createObjectNode();
        Map<String, String> nodes = new LinkedHashMap<>();
        ArrayNode edges = json.createArrayNode();
        for (TrafficGraph.Edge e : data.graph().edges()) {
            String from = nodeId(e.fromKind(), e.from());
            String to = nodeId(e.toKind(), e.to());
            nodes.putIfAbsent(from, e.fromKind().name().toLowerCase(java.util.Locale.ROOT) + "\u0000" + e.from());
            nodes.putIfAbsent(to, e.toKind().name().toLowerCase(java.util.Locale.ROOT) + "\u0000" + e.to());
            edges.addObject().put("from", from).put("to", to).put("count", e.count()).put("blocked", e.blocked());
        }
        ArrayNode nodeArray = out.putArray("nodes");
        nodes.forEach((id, kindAndLabel) -> {
            int cut = kindAndLabel.indexOf('\u0000');
            nodeArray.addObject().put("id", id).put("kind", kindAndLabel.substring(0, cut))
                    .put("label", kindAndLabel.substring(cut + 1));
        });
        out.set("edges", edges);
        out.put("droppedEdges", data.graph().droppedEdges());
        return out;
    }

    private static String nodeId(TrafficGraph.Kind kind, String name) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }

    ObjectNode policy() {
        PolicyInfo p = policy.get();
        ObjectNode out = json.createObjectNode();
        out.put("version", p.version()).put("mode", p.mode()).put("source", p.source()).put("egress", p.egress())
                .put("serving", p.serving());
        ArrayNode stages = out.putArray("stages");
        p.stages().forEach(stages::add);
        return out;
    }

    /** Requests, blocks and tokens per bucket, oldest first. */
    ObjectNode series() {
        ObjectNode out = json.createObjectNode();
        out.put("bucketMillis", data.bucketMillis());
        ArrayNode points = out.putArray("points");
        for (TimeSeries.Point p : data.series()) {
            points.addObject().put("start", p.startMillis()).put("requests", p.requests()).put("blocks", p.blocks())
                    .put("tokens", p.tokens());
        }
        return out;
    }

    String write(ObjectNode node) {
        return node.toString();
    }

    private static int parseLimit(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            return Math.max(1, Math.min(MAX_EVENTS, Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
