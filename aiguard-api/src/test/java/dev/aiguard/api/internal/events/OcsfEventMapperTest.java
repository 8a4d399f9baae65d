package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Principal;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OcsfEventMapperTest {

    private final OcsfEventMapper mapper = new OcsfEventMapper();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode map(SecurityEvent event) throws Exception {
        String line = mapper.toJson(event);
        assertThat(line).doesNotContain("\n");
        return json.readTree(line);
    }

    private static SecurityEvent sample(EventType type) {
        return switch (type) {
            case REQUEST_BLOCKED -> SampleEvents.blocked();
            case REQUEST_WOULD_BLOCK -> SampleEvents.request(type, "POST", 200);
            case REQUEST_ALLOWED -> SampleEvents.request(type, "GET", 200);
            case STAGE_FAILURE -> SampleEvents.stageFailure(503);
            case POLICY_LOADED, POLICY_REJECTED -> SampleEvents.policy(type);
            case EGRESS_DENIED, EGRESS_WOULD_DENY -> SampleEvents.egress(type);
            case EGRESS_ALLOWED -> SampleEvents.request(type, "CONNECT", 200);
            case RESPONSE_BLOCKED, RESPONSE_REDACTED, RESPONSE_FLAGGED -> SampleEvents.egress(type);
        };
    }

    @ParameterizedTest(name = "{0} -> class {1}, activity {2}, type_uid {3}")
    @CsvSource({
            "REQUEST_BLOCKED,     4002, 6, 400206",
            "REQUEST_WOULD_BLOCK, 4002, 6, 400206",
            "REQUEST_ALLOWED,     4002, 3, 400203",
            "STAGE_FAILURE,       2004, 1, 200401",
            "POLICY_LOADED,       6002, 8, 600208",
            "POLICY_REJECTED,     6002, 8, 600208",
            "EGRESS_DENIED,       2004, 1, 200401",
            "EGRESS_WOULD_DENY,   2004, 1, 200401",
            "EGRESS_ALLOWED,      4002, 1, 400201",
            "RESPONSE_BLOCKED,    2004, 1, 200401",
            "RESPONSE_REDACTED,   2004, 1, 200401",
            "RESPONSE_FLAGGED,    2004, 1, 200401",
    })
    void eventTypesMapToOcsfClassesAndActivities(EventType type, int classUid, int activity, long typeUid) throws Exception {
        JsonNode event = map(sample(type));

        assertThat(event.get("class_uid").asInt()).isEqualTo(classUid);
        assertThat(event.get("activity_id").asInt()).isEqualTo(activity);
        assertThat(event.get("type_uid").asLong()).isEqualTo(typeUid);
        OcsfRequiredFields.assertValid(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventHasTimeInEpochMillisAndMetadata(EventType type) throws Exception {
        JsonNode event = map(sample(type));

        assertThat(event.get("time").asLong()).isEqualTo(SampleEvents.TIME.toEpochMilli());
        assertThat(event.at("/metadata/version").asText()).isEqualTo("1.3.0");
        assertThat(event.at("/metadata/product/name").asText()).isEqualTo("AIGuard");
        assertThat(event.at("/unmapped/aiguard/event_type").asText()).isEqualTo(type.name().toLowerCase());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "GET,     3, Get",
            "POST,    6, Post",
            "PUT,     7, Put",
            "DELETE,  2, Delete",
            "HEAD,    4, Head",
            "OPTIONS, 5, Options",
            "CONNECT, 1, Connect",
            "TRACE,   8, Trace",
            "PATCH,   99, Patch",
            "PROPFIND, 99, Propfind",
    })
    void httpMethodsMapToHttpActivityIds(String method, int activity, String name) throws Exception {
        JsonNode event = map(SampleEvents.request(EventType.REQUEST_ALLOWED, method, 200));

        assertThat(event.get("activity_id").asInt()).isEqualTo(activity);
        assertThat(event.get("activity_name").asText()).isEqualTo(name);
        assertThat(event.at("/http_request/http_method").asText()).isEqualTo(method);
        assertThat(event.get("type_name").asText()).isEqualTo("HTTP Activity: " + name);
    }

    @ParameterizedTest(name = "{0} -> action {1}, disposition {2} {3}, status {4}")
    @CsvSource({
            "REQUEST_BLOCKED,     2, 2,  Blocked,  2",
            "REQUEST_WOULD_BLOCK, 1, 15, Detected, 1",
            "REQUEST_ALLOWED,     1, 1,  Allowed,  1",
    })
    void requestOutcomeMapsToActionAndDisposition(EventType type, int action, int disposition, String dispositionName,
                                                  int status) throws Exception {
        JsonNode event = map(sample(type));

        assertThat(event.get("action_id").asInt()).isEqualTo(action);
        assertThat(event.get("disposition_id").asInt()).isEqualTo(disposition);
        assertThat(event.get("disposition").asText()).isEqualTo(dispositionName);
        assertThat(event.get("status_id").asInt()).isEqualTo(status);
    }

    @Test
    void blockedRequestCarriesRequestResponseSourceActorRuleAndFindings() throws Exception {
        JsonNode event = map(SampleEvents.blocked());

        assertThat(event.at("/http_request/url/path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(event.at("/http_response/code").asInt()).isEqualTo(403);
        assertThat(event.at("/src_endpoint/ip").asText()).isEqualTo("203.0.113.9");
        assertThat(event.at("/actor/user/uid").asText()).isEqualTo("alice");
        assertThat(event.at("/actor/user/org/uid").asText()).isEqualTo("acme");
        assertThat(event.at("/actor/user/groups/0/name").asText()).isEqualTo("dev");
        assertThat(event.at("/firewall_rule/uid").asText()).isEqualTo("942100");
        assertThat(event.at("/firewall_rule/name").asText()).isEqualTo("waf.anomaly_score");
        assertThat(event.get("severity_id").asInt()).isEqualTo(Severity.CRITICAL.ocsfId());
        assertThat(event.get("severity").asText()).isEqualTo("Critical");
        assertThat(event.get("duration").asLong()).isEqualTo(1);
        assertThat(event.get("status_detail").asText()).isEqualTo("waf.anomaly_score");
        assertThat(event.at("/metadata/correlation_uid").asText()).isEqualTo("req-1");
        JsonNode aiguard = event.at("/unmapped/aiguard");
        assertThat(aiguard.get("policy_version").asText()).isEqualTo("v7");
        assertThat(aiguard.get("mode").asText()).isEqualTo("enforce");
        assertThat(aiguard.get("blocking_stage").asText()).isEqualTo("waf");
        assertThat(aiguard.get("latency_us").asLong()).isEqualTo(1234);
        assertThat(aiguard.at("/cost/tokens.reserved").asLong()).isEqualTo(512);
        assertThat(aiguard.at("/rule_ids/0").asText()).isEqualTo("942100");
        JsonNode finding = aiguard.at("/findings/0");
        assertThat(finding.get("rule_id").asText()).isEqualTo("942100");
        assertThat(finding.get("stage").asText()).isEqualTo("waf");
        assertThat(finding.get("severity_id").asInt()).isEqualTo(5);
        assertThat(finding.get("target").asText()).isEqualTo("ARGS:q");
        assertThat(finding.get("excerpt").asText()).isEqualTo("1' or 1=1--");
        assertThat(finding.get("score").asInt()).isEqualTo(5);
        assertThat(finding.at("/tags/0").asText()).isEqualTo("attack-sqli");
    }

    @Test
    void anonymousCallerHasNoActorAndHostnamesAreNotIps() throws Exception {
        SecurityEvent event = new SecurityEvent(SampleEvents.TIME, EventType.REQUEST_ALLOWED, "r", "v", "GET", "/",
                "client.example", Principal.anonymous(), Mode.ENFORCE, 200, "allowed", null, List.of(), List.of(),
                Map.of(), 10, "allowed");

        JsonNode json = map(event);

        assertThat(json.has("actor")).isFalse();
        assertThat(json.at("/src_endpoint/hostname").asText()).isEqualTo("client.example");
        assertThat(json.get("severity_id").asInt()).isEqualTo(1);
        assertThat(json.has("firewall_rule")).isFalse();
    }

    @Test
    void ipv6SourceIsAnIp() throws Exception {
        SecurityEvent event = new SecurityEvent(SampleEvents.TIME, EventType.REQUEST_ALLOWED, "r", "v", "GET", "/",
                "2001:db8::1", null, Mode.ENFORCE, 200, "allowed", null, List.of(), List.of(), Map.of(), 10, "");

        assertThat(map(event).at("/src_endpoint/ip").asText()).isEqualTo("2001:db8::1");
    }

    @ParameterizedTest(name = "status {0} -> action {1}, disposition {2}")
    @CsvSource({"503, 2, 2", "0, 1, 1"})
    void stageFailureIsADetectionFindingWhoseDispositionFollowsFailOpen(int status, int action, int disposition)
            throws Exception {
        JsonNode event = map(SampleEvents.stageFailure(status));

        assertThat(event.get("category_uid").asInt()).isEqualTo(2);
        assertThat(event.get("action_id").asInt()).isEqualTo(action);
        assertThat(event.get("disposition_id").asInt()).isEqualTo(disposition);
        assertThat(event.get("status_id").asInt()).isEqualTo(1);
        assertThat(event.get("severity_id").asInt()).isEqualTo(4);
        assertThat(event.at("/finding_info/uid").asText()).isEqualTo("req-2/prompt/aiguard.stage.error");
        assertThat(event.at("/finding_info/title").asText()).contains("IOException");
        assertThat(event.at("/finding_info/analytic/uid").asText()).isEqualTo("aiguard.stage.error");
        assertThat(event.at("/finding_info/analytic/type_id").asInt()).isEqualTo(1);
        assertThat(event.at("/unmapped/aiguard/request/path").asText()).isEqualTo("/v1/embeddings");
    }

    @ParameterizedTest(name = "{0} -> status {1}, severity {2}")
    @CsvSource({"POLICY_LOADED, 1, 1", "POLICY_REJECTED, 2, 3"})
    void policyEventsAreApplicationLifecycleUpdates(EventType type, int status, int severity) throws Exception {
        JsonNode event = map(SampleEvents.policy(type));

        assertThat(event.get("status_id").asInt()).isEqualTo(status);
        assertThat(event.get("severity_id").asInt()).isEqualTo(severity);
        assertThat(event.at("/app/name").asText()).isEqualTo("AIGuard");
        assertThat(event.at("/unmapped/aiguard/policy_version").asText()).isEqualTo("v8");
        assertThat(event.at("/unmapped/aiguard/mode").asText()).isEqualTo("monitor");
        assertThat(event.has("duration")).isFalse();
        assertThat(event.has("http_request")).isFalse();
    }

    @Test
    void credentialsInFreeTextAreMaskedEvenInEventsNotBuiltByTheGuard() throws Exception {
        Finding leaky = new Finding("x", "r", Severity.LOW, "saw Bearer sk-live-abcdefghijklmnop",
                "ARGS:q", "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig_sig_sig", 0, List.of());
        SecurityEvent event = new SecurityEvent(SampleEvents.TIME, EventType.REQUEST_BLOCKED, "r", "v", "GET",
                "/keys/sk-proj-ABCDEFGHIJKLMNOP", null, null, Mode.ENFORCE, 403, "x", "x", List.of("r"),
                List.of(leaky), Map.of(), 1, "Authorization: Bearer abcdefghijklmnop");

        String line = mapper.toJson(event);

        assertThat(line).doesNotContain("sk-live-abcdefghijklmnop", "sk-proj-ABCDEFGHIJKLMNOP", "abcdefghijklmnop",
                "eyJhbGciOiJIUzI1NiJ9").contains("[REDACTED]");
    }
}
