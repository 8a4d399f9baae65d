package dev.aiguard.output.internal.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Mode;
import dev.aiguard.api.OutputFilter;
import dev.aiguard.api.OutputStage;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Match;
import dev.aiguard.output.internal.stream.Action;
import dev.aiguard.output.internal.stream.Policy;
import dev.aiguard.output.internal.stream.Scan;
import dev.aiguard.output.internal.stream.StreamInspector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: pii}: finds personal data (and, optionally, secrets) in the string values of a JSON request and
 * redacts them before the request is forwarded (to a third-party model, typically), through
 * {@link Exchange#replaceBody}. With the vault on, values become per-exchange placeholders ({@code [PII_EMAIL_1]})
 * that the stage puts back when they come back in the response (an {@link OutputStage} over the response).
 */
public final class PiiStage implements Stage, OutputStage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Exchange.AttributeKey<Vault> VAULT = new Exchange.AttributeKey<>("pii.vault", Vault.class);
    /** Fields that name things rather than carry text: never rewritten. */
    private static final Set<String> STRUCTURAL = Set.of("model", "role", "type", "id", "tool_call_id", "object",
            "name", "format", "mime_type", "mimeType", "media_type");
    private static final int MAX_DEPTH = 64;
    /** Placeholders are short; a restore window of this many chars covers one split across chunks. */
    private static final int RESTORE_HOLD_BACK = 64;

    private final String name;
    private final List<Detector> detectors;
    private final Action action;
    private final boolean vault;

    public PiiStage(String name, List<Detector> detectors, Action action, boolean vault) {
        this.name = name;
        this.detectors = List.copyOf(detectors);
        this.action = action;
        this.vault = vault;
    }

    @Override
    public StageOutcome inspect(Exchange exchange) throws IOException {
        GuardRequest request = exchange.request();
        String type = request.contentType().toLowerCase(Locale.ROOT);
        if (request.bodyTruncated() || request.body().length == 0 || !(type.isEmpty() || type.contains("json"))) {
            return StageOutcome.pass();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(exchange.forwardedBody());
        } catch (IOException e) {
            return StageOutcome.pass();
        }
        if (root == null || !root.isContainerNode()) {
            return StageOutcome.pass();
        }
        Vault values = vault ? new Vault() : null;
        List<Finding> findings = new ArrayList<>();
        Set<String> rules = new LinkedHashSet<>();
        walk(root, "", values, findings, rules, 0);
        if (findings.isEmpty()) {
            return StageOutcome.pass();
        }
        if (action == Action.BLOCK) {
            return StageOutcome.block(Block.badRequest("pii.request", List.copyOf(rules)), findings);
        }
        if (action == Action.REDACT) {
            exchange.replaceBody(MAPPER.writeValueAsBytes(root));
            if (values != null && !values.isEmpty()) {
                exchange.attribute(VAULT, values);
            }
        }
        return StageOutcome.pass(findings);
    }

    private void walk(JsonNode node, String path, Vault values, List<Finding> findings, Set<String> rules, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(f -> names.add(f.getKey()));
            for (String field : names) {
                JsonNode value = object.get(field);
                String p = path.isEmpty() ? field : path + "." + field;
                if (value.isTextual() && !STRUCTURAL.contains(field)) {
                    String rewritten = scan(value.textValue(), p, values, findings, rules);
                    if (rewritten != null) {
                        object.set(field, TextNode.valueOf(rewritten));
                    }
                } else if (value.isContainerNode()) {
                    walk(value, p, values, findings, rules, depth + 1);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                String p = path + "[" + i + "]";
                if (value.isTextual()) {
                    String rewritten = scan(value.textValue(), p, values, findings, rules);
                    if (rewritten != null) {
                        array.set(i, TextNode.valueOf(rewritten));
                    }
                } else if (value.isContainerNode()) {
                    walk(value, p, values, findings, rules, depth + 1);
                }
            }
        }
    }

    /** Scans one string value; returns its rewrite, or {@code null} when nothing changes. */
    private String scan(String text, String path, Vault values, List<Finding> findings, Set<String> rules) {
        List<Match> matches = Scan.run(detectors, text);
        if (matches.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = matches.size() - 1; i >= 0; i--) {
            Match m = matches.get(i);
            Detector d = m.detector();
            String original = text.substring(m.start(), m.end());
            rules.add(d.id());
            if (findings.size() < 64) {
                findings.add(new Finding(name, d.id(), d.kind().equals("secret") ? Severity.HIGH : Severity.MEDIUM,
                        d.kind() + " '" + d.name() + "' in the request: " + action.policyName(), path,
                        StreamInspector.excerpt(original), 0, List.of("pii", d.kind())));
            }
            String placeholder = values == null ? null : values.placeholder(d.name(), original);
            out.replace(m.start(), m.end(), placeholder != null ? placeholder : d.replacement(original));
        }
        return action == Action.REDACT ? out.toString() : null;
    }

    @Override
    public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
        Vault values = exchange.attribute(VAULT);
        if (values == null) {
            return null;
        }
        Policy restore = new Policy(name, List.of(new VaultDetector(values)), Map.of("vault", Action.REDACT), false,
                mode == Mode.MONITOR, RESTORE_HOLD_BACK);
        return StreamInspector.forContentType(restore, contentType, 4 << 20);
    }
}
