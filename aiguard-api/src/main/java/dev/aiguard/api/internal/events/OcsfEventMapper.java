package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Principal;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;
import dev.aiguard.api.internal.Redaction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a {@link SecurityEvent} to one OCSF 1.3.0 event (a JSON object). The mapping table is in {@code docs/events.md}:
 * request events become HTTP Activity (4002) with the Security Control profile ({@code action_id},
 * {@code disposition_id}); stage failures become Detection Findings (2004); policy events become Application Lifecycle
 * (6002) "Update" events. AIGuard's own fields (findings, rule ids, policy version, mode...) go under
 * {@code unmapped.aiguard}.
 *
 * <p>Free text (messages, paths, excerpts) is masked once more here, so an event built by other code than the guard's
 * {@code EventFactory} cannot carry a credential of a recognisable shape into a sink either. Thread-safe.
 */
public final class OcsfEventMapper {

    /** The OCSF schema version events follow. */
    public static final String OCSF_VERSION = "1.3.0";
    /** {@code metadata.product.name}. */
    public static final String PRODUCT = "AIGuard";

    static final int CATEGORY_FINDINGS = 2;
    static final int CATEGORY_NETWORK = 4;
    static final int CATEGORY_APPLICATION = 6;
    static final int CLASS_DETECTION_FINDING = 2004;
    static final int CLASS_HTTP_ACTIVITY = 4002;
    static final int CLASS_APPLICATION_LIFECYCLE = 6002;

    static final int ACTION_ALLOWED = 1;
    static final int ACTION_DENIED = 2;
    static final int DISPOSITION_ALLOWED = 1;
    static final int DISPOSITION_BLOCKED = 2;
    static final int DISPOSITION_DETECTED = 15;
    static final int STATUS_SUCCESS = 1;
    static final int STATUS_FAILURE = 2;
    static final int FINDING_STATUS_NEW = 1;
    static final int ACTIVITY_CREATE = 1;
    static final int ACTIVITY_UPDATE = 8;
    static final int ACTIVITY_OTHER = 99;

    /** OCSF 1.3.0 HTTP Activity activity ids by method (PATCH and others map to 99 Other). */
    private static final Map<String, Integer> HTTP_ACTIVITY = Map.of("CONNECT", 1, "DELETE", 2, "GET", 3, "HEAD", 4,
            "OPTIONS", 5, "POST", 6, "PUT", 7, "TRACE", 8);

    private static final String[] SEVERITY_CAPTIONS = {"Unknown", "Informational", "Low", "Medium", "High", "Critical",
            "Fatal"};

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final String productVersion;

    public OcsfEventMapper() {
        String version = OcsfEventMapper.class.getPackage().getImplementationVersion();
        this.productVersion = version != null ? version : "dev";
    }

    /** The event as one line of JSON (no line breaks: suitable for JSON Lines and log lines). */
    public String toJson(SecurityEvent event) {
        try {
            return json.writeValueAsString(toOcsf(event));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this is unreachable short of a Jackson bug.
            throw new IllegalStateException("cannot serialise OCSF event", e);
        }
    }

    /** The event as an OCSF object tree. */
    public ObjectNode toOcsf(SecurityEvent event) {
        return switch (event.type()) {
            case REQUEST_BLOCKED, REQUEST_WOULD_BLOCK, REQUEST_ALLOWED, EGRESS_ALLOWED -> httpActivity(event);
            case STAGE_FAILURE, EGRESS_DENIED, EGRESS_WOULD_DENY, RESPONSE_BLOCKED, RESPONSE_REDACTED, RESPONSE_FLAGGED ->
                    detectionFinding(event);
            case POLICY_LOADED, POLICY_REJECTED -> applicationLifecycle(event);
        };
    }

    private ObjectNode httpActivity(SecurityEvent event) {
        String method = event.method() == null ? "" : event.method().toUpperCase(Locale.ROOT);
        int activity = HTTP_ACTIVITY.getOrDefault(method, ACTIVITY_OTHER);
        String activityName = activity == ACTIVITY_OTHER ? (method.isEmpty() ? "Other" : titleCase(method)) : titleCase(method);
        ObjectNode o = base(event, CATEGORY_NETWORK, "Network Activity", CLASS_HTTP_ACTIVITY, "HTTP Activity",
                activity, activityName, severityOf(event.findings()));
        boolean blocked = event.type() == EventType.REQUEST_BLOCKED;
        securityControl(o, blocked ? ACTION_DENIED : ACTION_ALLOWED,
                blocked ? DISPOSITION_BLOCKED : event.type() == EventType.REQUEST_WOULD_BLOCK
                        ? DISPOSITION_DETECTED : DISPOSITION_ALLOWED);
        status(o, blocked ? STATUS_FAILURE : STATUS_SUCCESS, event);
        ObjectNode request = o.putObject("http_request");
        if (!method.isEmpty()) {
            request.put("http_method", method);
        }
        request.putObject("url").put("path", Redaction.mask(event.path() == null ? "" : event.path(), List.of()));
        if (event.httpStatus() > 0) {
            o.putObject("http_response").put("code", event.httpStatus());
        }
        endpoint(o, event);
        actor(o, event.principal());
        rule(o, event);
        aiguard(o, event);
        return o;
    }

    private ObjectNode detectionFinding(SecurityEvent event) {
        Finding failure = event.findings().isEmpty() ? null : event.findings().get(0);
        int severity = failure != null ? failure.severity().ocsfId() : Severity.HIGH.ocsfId();
        ObjectNode o = base(event, CATEGORY_FINDINGS, "Findings", CLASS_DETECTION_FINDING, "Detection Finding",
                ACTIVITY_CREATE, "Create", severity);
        boolean denied = event.httpStatus() >= 400 || event.type() == EventType.EGRESS_DENIED
                || event.type() == EventType.RESPONSE_BLOCKED;
        securityControl(o, denied ? ACTION_DENIED : ACTION_ALLOWED, denied ? DISPOSITION_BLOCKED : DISPOSITION_ALLOWED);
        o.put("status_id", FINDING_STATUS_NEW).put("status", "New");
        String ruleId = event.reason() == null ? "aiguard.stage.error" : event.reason();
        ObjectNode info = o.putObject("finding_info");
        info.put("uid", (event.requestId() == null ? "-" : event.requestId()) + "/" + event.blockingStage() + "/" + ruleId);
        info.put("title", event.message().isEmpty() ? "AIGuard stage failure" : event.message());
        info.putArray("types").add(ruleId);
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", ruleId).put("name", event.blockingStage() == null ? "" : event.blockingStage())
                .put("type_id", 1).put("type", "Rule");
        actor(o, event.principal());
        ObjectNode request = aiguard(o, event).putObject("request");
        putIfPresent(request, "method", event.method());
        putIfPresent(request, "path", event.path() == null ? null : Redaction.mask(event.path(), List.of()));
        putIfPresent(request, "src_ip", event.remoteAddress());
        putIfPresent(request, "http_status", event.httpStatus() > 0 ? Integer.toString(event.httpStatus()) : null);
        return o;
    }

    private ObjectNode applicationLifecycle(SecurityEvent event) {
        boolean rejected = event.type() == EventType.POLICY_REJECTED;
        ObjectNode o = base(event, CATEGORY_APPLICATION, "Application Activity", CLASS_APPLICATION_LIFECYCLE,
                "Application Lifecycle", ACTIVITY_UPDATE, "Update",
                rejected ? Severity.MEDIUM.ocsfId() : Severity.INFO.ocsfId());
        status(o, rejected ? STATUS_FAILURE : STATUS_SUCCESS, event);
        o.putObject("app").put("name", PRODUCT).put("vendor_name", PRODUCT).put("version", productVersion);
        aiguard(o, event);
        return o;
    }

    /** The attributes every OCSF event has (the base event class). */
    private ObjectNode base(SecurityEvent event, int category, String categoryName, int classUid, String className,
                            int activity, String activityName, int severity) {
        ObjectNode o = nodes.objectNode();
        o.put("time", event.time().toEpochMilli());
        o.put("category_uid", category).put("category_name", categoryName);
        o.put("class_uid", classUid).put("class_name", className);
        o.put("activity_id", activity).put("activity_name", activityName);
        o.put("type_uid", (long) classUid * 100 + activity).put("type_name", className + ": " + activityName);
        o.put("severity_id", severity).put("severity", SEVERITY_CAPTIONS[severity]);
        o.put("message", Redaction.mask(event.message(), List.of()));
        if (event.latencyNanos() >= 0) {
            o.put("duration", event.latencyNanos() / 1_000_000);
        }
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.putObject("product").put("name", PRODUCT).put("vendor_name", PRODUCT).put("version", productVersion);
        if (event.requestId() != null) {
            metadata.put("correlation_uid", event.requestId());
        }
        metadata.put("log_name", "aiguard.events");
        return o;
    }

    private void securityControl(ObjectNode o, int action, int disposition) {
        ArrayNode profiles = ((ObjectNode) o.get("metadata")).putArray("profiles");
        profiles.add("security_control");
        o.put("action_id", action).put("action", action == ACTION_DENIED ? "Denied" : "Allowed");
        o.put("disposition_id", disposition).put("disposition", switch (disposition) {
            case DISPOSITION_BLOCKED -> "Blocked";
            case DISPOSITION_DETECTED -> "Detected";
            default -> "Allowed";
        });
    }

    private static void status(ObjectNode o, int status, SecurityEvent event) {
        o.put("status_id", status).put("status", status == STATUS_SUCCESS ? "Success" : "Failure");
        if (event.httpStatus() > 0) {
            o.put("status_code", Integer.toString(event.httpStatus()));
        }
        if (event.reason() != null) {
            o.put("status_detail", event.reason());
        }
    }

    private static void endpoint(ObjectNode o, SecurityEvent event) {
        String address = event.remoteAddress();
        if (address == null || address.isEmpty()) {
            return;
        }
        ObjectNode src = o.putObject("src_endpoint");
        if (looksLikeIp(address)) {
            src.put("ip", address);
        } else {
            src.put("hostname", address);
        }
    }

    private void actor(ObjectNode o, Principal principal) {
        if (principal == null || principal.isAnonymous()) {
            return;
        }
        ObjectNode user = o.putObject("actor").putObject("user");
        user.put("uid", principal.subject()).put("name", principal.subject());
        if (principal.tenant() != null) {
            user.putObject("org").put("uid", principal.tenant()).put("name", principal.tenant());
        }
        if (!principal.groups().isEmpty()) {
            ArrayNode groups = user.putArray("groups");
            principal.groups().stream().sorted().forEach(g -> groups.addObject().put("name", g));
        }
    }

    /** The rule that decided the request, in the Security Control profile's {@code firewall_rule}. */
    private static void rule(ObjectNode o, SecurityEvent event) {
        if (event.type() != EventType.REQUEST_BLOCKED) {
            return;
        }
        ObjectNode rule = o.putObject("firewall_rule");
        rule.put("uid", event.ruleIds().isEmpty() ? event.reason() : String.join(",", event.ruleIds()));
        rule.put("name", event.reason());
        if (event.blockingStage() != null) {
            rule.put("type", event.blockingStage());
        }
    }

    /** {@code unmapped.aiguard}: AIGuard's own fields that have no OCSF attribute. */
    private ObjectNode aiguard(ObjectNode o, SecurityEvent event) {
        ObjectNode a = o.putObject("unmapped").putObject("aiguard");
        a.put("event_type", event.type().name().toLowerCase(Locale.ROOT));
        putIfPresent(a, "request_id", event.requestId());
        putIfPresent(a, "policy_version", event.policyVersion());
        if (event.mode() != null) {
            a.put("mode", event.mode().policyName());
        }
        putIfPresent(a, "reason", event.reason());
        putIfPresent(a, "blocking_stage", event.blockingStage());
        if (!event.ruleIds().isEmpty()) {
            ArrayNode rules = a.putArray("rule_ids");
            event.ruleIds().forEach(rules::add);
        }
        if (event.latencyNanos() >= 0) {
            a.put("latency_us", event.latencyNanos() / 1_000);
        }
        if (!event.cost().isEmpty()) {
            ObjectNode cost = a.putObject("cost");
            new TreeMap<>(event.cost()).forEach(cost::put);
        }
        if (!event.findings().isEmpty()) {
            ArrayNode findings = a.putArray("findings");
            for (Finding f : event.findings()) {
                finding(findings.addObject(), f);
            }
        }
        return a;
    }

    private static void finding(ObjectNode out, Finding f) {
        out.put("stage", f.stage()).put("rule_id", f.ruleId());
        out.put("severity_id", f.severity().ocsfId()).put("severity", SEVERITY_CAPTIONS[f.severity().ocsfId()]);
        out.put("message", Redaction.mask(f.message(), List.of()));
        if (!f.target().isEmpty()) {
            out.put("target", f.target());
        }
        if (!f.excerpt().isEmpty()) {
            out.put("excerpt", Redaction.mask(f.excerpt(), List.of()));
        }
        if (f.score() != 0) {
            out.put("score", f.score());
        }
        if (!f.tags().isEmpty()) {
            ArrayNode tags = out.putArray("tags");
            f.tags().forEach(tags::add);
        }
    }

    private static void putIfPresent(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static int severityOf(List<Finding> findings) {
        int max = Severity.INFO.ocsfId();
        for (Finding f : findings) {
            max = Math.max(max, f.severity().ocsfId());
        }
        return max;
    }

    private static boolean looksLikeIp(String address) {
        return address.indexOf(':') >= 0 || address.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static String titleCase(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
    }
}
