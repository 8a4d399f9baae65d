package dev.aiguard.egress.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiguard.api.Mode;
import dev.aiguard.egress.EgressPolicy;
import dev.aiguard.egress.EgressRule;
import dev.aiguard.egress.WorkloadEgressPolicies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads an egress policy from YAML (or JSON). Either the keys below at top level, or under {@code egress:}.
 *
 * <pre>
 * mode: enforce            # enforce | monitor | off (default enforce)
 * permitUserInfo: false
 * allow:
 *   - host: api.openai.com # or "*.example.com", "*"; or cidr: 10.0.0.0/8
 *     schemes: [https]
 *     ports: [443]
 *     pathPrefix: /v1/
 * deny:
 *   - host: uploads.example.com
 * </pre>
 *
 * Every problem is reported with its key path ({@code allow[2].ports[0]: must be 1-65535}), all at once.
 */
public final class PolicyFile {

    private static final Set<String> TOP_KEYS = Set.of("mode", "permitUserInfo", "allow", "deny", "workloads");
    private static final Set<String> WORKLOAD_KEYS = Set.of("allow", "deny");
    private static final Set<String> RULE_KEYS = Set.of("host", "cidr", "schemes", "ports", "pathPrefix");

    private PolicyFile() {
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws IllegalArgumentException listing every problem, one per line, prefixed with the file name
     * @throws IOException              when the file cannot be read
     */
    public static EgressPolicy load(Path file) throws IOException {
        return loadWorkloads(file).base();
    }

    /** Like {@link #load}, with the {@code workloads:} section (per-workload rules added to the base). */
    public static WorkloadEgressPolicies loadWorkloads(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        WorkloadEgressPolicies policies = parseWorkloads(root, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("\n" + file + ": ", problems));
        }
        return policies;
    }

    /** Parses the base policy and its {@code workloads:}; null when {@code problems} got entries. */
    public static WorkloadEgressPolicies parseWorkloads(JsonNode root, List<String> problems) {
        if (root != null && root.has("egress") && (root.size() == 1 || root.has("apiVersion"))) {
            // Only the egress section, or a whole guard policy: its egress section is the egress policy.
            root = root.get("egress");
        }
        EgressPolicy base = parse(root, problems);
        if (base == null) {
            return null;
        }
        Map<String, EgressPolicy> workloads = new LinkedHashMap<>();
        JsonNode section = root.get("workloads");
        if (section != null && !section.isNull() && !section.isObject()) {
            problems.add("workloads: expected a mapping of workload name to allow/deny rules");
        } else if (section != null && section.isObject()) {
            section.fields().forEachRemaining(entry -> {
                String path = "workloads." + entry.getKey();
                JsonNode node = entry.getValue();
                if (!node.isObject()) {
                    problems.add(path + ": expected a mapping with allow, deny");
                    return;
                }
                unknownKeys(node, WORKLOAD_KEYS, path + ".", problems);
                EgressPolicy.Builder builder = EgressPolicy.builder().mode(base.mode());
                if (base.permitUserInfo()) {
                    builder.permitUserInfo();
                }
                base.allow().forEach(builder::allow);
                base.deny().forEach(builder::deny);
                rules(node.get("allow"), path + ".allow", problems).forEach(builder::allow);
                rules(node.get("deny"), path + ".deny", problems).forEach(builder::deny);
                workloads.put(entry.getKey(), builder.build());
            });
        }
        return problems.isEmpty() ? new WorkloadEgressPolicies(base, workloads) : null;
    }

    static EgressPolicy parse(JsonNode root, List<String> problems) {
        if (root != null && root.has("egress") && (root.size() == 1 || root.has("apiVersion"))) {
            // Only the egress section, or a whole guard policy: its egress section is the egress policy.
            root = root.get("egress");
        }
        if (root == null || !root.isObject()) {
            problems.add("(root): expected a mapping with mode, allow, deny");
            return null;
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        Mode mode = Mode.ENFORCE;
        if (root.has("mode")) {
            try {
                mode = Mode.parse(root.get("mode").asText());
            } catch (IllegalArgumentException e) {
                problems.add("mode: " + e.getMessage());
            }
        }
        EgressPolicy.Builder builder = EgressPolicy.builder().mode(mode);
        if (root.path("permitUserInfo").asBoolean(false)) {
            builder.permitUserInfo();
        }
        rules(root.get("allow"), "allow", problems).forEach(builder::allow);
        rules(root.get("deny"), "deny", problems).forEach(builder::deny);
        return builder.build();
    }

    private static List<EgressRule> rules(JsonNode list, String path, List<String> problems) {
        List<EgressRule> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(path + ": expected a list of rules");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            EgressRule rule = rule(list.get(i), path + "[" + i + "]", problems);
            if (rule != null) {
                out.add(rule);
            }
        }
        return out;
    }

    private static EgressRule rule(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": expected a mapping");
            return null;
        }
        unknownKeys(node, RULE_KEYS, path + ".", problems);
        try {
            if (node.has("cidr")) {
                Cidr.parse(node.get("cidr").asText());   // report a bad block at load time, with its path
            }
            EgressRule rule = node.has("cidr") && !node.has("host") ? EgressRule.cidr(node.get("cidr").asText())
                    : node.has("host") && !node.has("cidr") ? EgressRule.host(node.get("host").asText()) : null;
            if (rule == null) {
                problems.add(path + ": needs exactly one of host, cidr");
                return null;
            }
            List<String> schemes = strings(node.get("schemes"), path + ".schemes", problems);
            if (!schemes.isEmpty()) {
                rule = rule.schemes(schemes.toArray(String[]::new));
            }
            int[] ports = ports(node.get("ports"), path + ".ports", problems);
            if (ports.length > 0) {
                rule = rule.ports(ports);
            }
            if (node.has("pathPrefix")) {
                rule = rule.pathPrefix(node.get("pathPrefix").asText());
            }
            return rule;
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private static List<String> strings(JsonNode node, String path, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(path + ": expected a list");
            return out;
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int[] ports(JsonNode node, String path, List<String> problems) {
        if (node == null) {
            return new int[0];
        }
        if (!node.isArray()) {
            problems.add(path + ": expected a list of ports");
            return new int[0];
        }
        int[] out = new int[node.size()];
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 65535) {
                problems.add(path + "[" + i + "]: must be 1-65535");
                return new int[0];
            }
            out[i] = p.asInt();
        }
        return out;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(prefix + key + ": unknown key (expected one of " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }
}
