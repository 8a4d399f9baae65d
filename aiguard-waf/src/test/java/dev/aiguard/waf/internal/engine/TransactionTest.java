package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.aiguard.waf.internal.engine.TestRules.action;
import static dev.aiguard.waf.internal.engine.TestRules.compile;
import static dev.aiguard.waf.internal.engine.TestRules.defaults;
import static dev.aiguard.waf.internal.engine.TestRules.get;
import static dev.aiguard.waf.internal.engine.TestRules.ids;
import static dev.aiguard.waf.internal.engine.TestRules.marker;
import static dev.aiguard.waf.internal.engine.TestRules.request;
import static dev.aiguard.waf.internal.engine.TestRules.rule;
import static dev.aiguard.waf.internal.engine.TestRules.run;
import static org.assertj.core.api.Assertions.assertThat;

class TransactionTest {

    private static Transaction runGet(RuleSet rules, String uri, String... headers) {
        return run(rules, get(uri, headers));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', value = {
        "REQUEST_URI       | /a/b.php?x=1&y=2#frag   | /a/b.php?x=1&y=2#frag",
        "REQUEST_FILENAME  | /a/b.php?x=1            | /a/b.php",
        "REQUEST_FILENAME  | /a%20b/c%28+?x=%20      | /a b/c(+",
        "REQUEST_BASENAME  | /a/b%2Ec                | b.c",
        "REQUEST_BASENAME  | /a/b.php?x=1            | b.php",
        "QUERY_STRING      | /a/b.php?x=1&y=2#frag   | x=1&y=2",
        "REQUEST_URI       | http://host:8/p/q?z=1   | /p/q?z=1",
        "REQUEST_URI_RAW   | http://host:8/p/q?z=1   | http://host:8/p/q?z=1",
        "REQUEST_LINE      | /x?y                    | GET /x?y HTTP/1.1",
        "REQUEST_METHOD    | /                       | GET",
        "REQUEST_PROTOCOL  | /                       | HTTP/1.1",
        "REMOTE_ADDR       | /                       | 10.0.0.1",
        "ARGS_COMBINED_SIZE| /?ab=cd&e=f             | 6",
    })
    void requestVariablesAreFilledFromTheRequestLine(String variable, String uri, String expected) {
        Transaction tx = runGet(compile(), uri);
        assertThat(tx.variable(Variable.valueOf(variable))).isEqualTo(expected);
    }

    @Test
    void argsAreDecodedAndNamedAsModSecurityLogsThem() {
        RuleSet rules = compile(rule("ARGS|ARGS_NAMES", "@rx ^(a b|c%zz|n m)$",
                "id:1,phase:2,pass,log,logdata:'%{MATCHED_VAR_NAME}=%{MATCHED_VAR}'"));
        Transaction tx = runGet(rules, "/?n+m=a%20b&k=c%zz");
        assertThat(tx.matches()).extracting(RuleMatch::data)
                .containsExactly("ARGS:n m=a b", "ARGS:k=c%zz", "ARGS_NAMES:n m=n m");
    }

    @Test
    void headerKeysMatchCaseInsensitivelyAndCountTargetsCount() {
        RuleSet rules = compile(
                rule("REQUEST_HEADERS:user-agent", "@rx bot", "id:1,phase:1,pass"),
                rule("&REQUEST_HEADERS:X-Missing", "@eq 0", "id:2,phase:1,pass"),
                rule("&REQUEST_HEADERS", "@eq 2", "id:3,phase:1,pass"),
                rule("REQUEST_HEADERS:/^x-/", "@rx .", "id:4,phase:1,pass,log,logdata:'%{MATCHED_VAR_NAME}'"));
        Transaction tx = runGet(rules, "/", "User-Agent", "evilbot", "X-Thing", "1");
        assertThat(ids(tx)).containsExactly(1, 2, 3, 4);
        assertThat(tx.matches().get(3).data()).isEqualTo("REQUEST_HEADERS:X-Thing");
    }

    @Test
    void exclusionsRemoveValuesFromTheRuleTargets() {
        RuleSet rules = compile(rule("REQUEST_HEADERS|!REQUEST_HEADERS:Referer|!REQUEST_HEADERS:Cookie", "@rx evil",
                        "id:1,phase:1,pass"),
                rule("REQUEST_COOKIES|!REQUEST_COOKIES:/^_ga/", "@rx evil", "id:2,phase:1,pass"));
        assertThat(ids(runGet(rules, "/", "Referer", "evil", "Cookie", "_ga=evil; x=1"))).isEmpty();
        assertThat(ids(runGet(rules, "/", "Accept", "evil", "Cookie", "a=evil"))).containsExactly(1, 2);
    }

    @Test
    void negatedOperatorNeedsAValueToMatch() {
        RuleSet rules = compile(rule("REQUEST_HEADERS:Content-Length", "!@rx ^\\d+$", "id:1,phase:1,pass"));
        assertThat(ids(runGet(rules, "/"))).isEmpty();
        assertThat(ids(runGet(rules, "/", "Content-Length", "abc"))).containsExactly(1);
        assertThat(ids(runGet(rules, "/", "Content-Length", "12"))).isEmpty();
    }

    @Test
    void chainIsAndAndLinksSeeTheStartersMatchedVarAndCaptures() {
        RuleSet rules = compile(
                rule("REQUEST_HEADERS:Range", "@rx (\\d+)-(\\d+)", "id:1,phase:1,pass,capture,chain"),
                rule("TX:2", "@lt %{tx.1}", "setvar:tx.hit=+1"),
                rule("ARGS:a", "@rx x", "id:2,phase:1,pass,chain"),
                rule("MATCHED_VAR", "@streq xyz", "setvar:tx.second=1"));
        Transaction hit = runGet(rules, "/?a=xyz", "Range", "bytes=10-2");
        assertThat(ids(hit)).containsExactly(1, 2);
        assertThat(hit.tx("hit")).isEqualTo("1");
        assertThat(hit.tx("second")).isEqualTo("1");
        Transaction miss = runGet(rules, "/?a=xy", "Range", "bytes=1-20");
        assertThat(ids(miss)).isEmpty();
        assertThat(miss.tx("hit")).isNull();
    }

    @Test
    void chainStarterActionsRunBeforeTheLinkIsEvaluated() {
        RuleSet rules = compile(
                rule("REQUEST_HEADERS:Content-Type", "@rx ^[^;]+", "id:1,phase:1,pass,capture,"
                        + "setvar:'tx.content_type=|%{tx.0}|',chain"),
                rule("TX:content_type", "!@within |text/plain| |application/json|", "setvar:tx.bad=1"));
        assertThat(runGet(rules, "/", "Content-Type", "text/evil").tx("bad")).isEqualTo("1");
        assertThat(runGet(rules, "/", "Content-Type", "text/plain").tx("bad")).isNull();
    }

    @Test
    void setvarRunsForEveryMatchedValueWithThatValuesCapture() {
        RuleSet rules = compile(rule("REQUEST_HEADERS_NAMES", "@rx ^.*$",
                "id:1,phase:1,pass,nolog,capture,t:lowercase,setvar:'tx.header_name_%{tx.0}=/%{tx.0}/',"
                        + "setvar:tx.count=+1"));
        Transaction tx = runGet(rules, "/", "Host", "h", "Proxy", "p");
        assertThat(tx.tx("header_name_host")).isEqualTo("/host/");
        assertThat(tx.tx("header_name_proxy")).isEqualTo("/proxy/");
        assertThat(tx.tx("count")).isEqualTo("2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "setvar:tx.a=5                     | 5",
        "setvar:tx.a=5,setvar:tx.a=+3      | 8",
        "setvar:tx.a=5,setvar:tx.a=-7      | -2",
        "setvar:tx.a=x,setvar:tx.a=+2      | 2",
        "setvar:tx.b=4,setvar:tx.a=+%{tx.b} | 4",
        "setvar:tx.a=1,setvar:!tx.a        | ",
        "setvar:'tx.a=two words'           | two words",
    })
    void setvarArithmetic(String actions, String expected) {
        Transaction tx = runGet(compile(action("id:1,phase:1,pass,nolog," + actions)), "/");
        assertThat(tx.tx("a")).isEqualTo(expected);
    }

    @Test
    void skipAfterJumpsToTheMarkerAndSkipSkipsRules() {
        RuleSet rules = compile(
                action("id:1,phase:1,pass,skipAfter:END"),
                action("id:2,phase:1,pass"),
                marker("END"),
                action("id:3,phase:1,pass,skip:1"),
                action("id:4,phase:1,pass"),
                action("id:5,phase:1,pass"));
        assertThat(ids(runGet(rules, "/"))).containsExactly(1, 3, 5);
    }

    @Test
    void skipAfterOnlyWhenTheRuleMatches() {
        RuleSet rules = compile(
                rule("TX:level", "@lt 2", "id:1,phase:1,pass,skipAfter:END"),
                action("id:2,phase:1,pass"),
                marker("END"));
        assertThat(ids(runGet(compile(action("id:9,phase:1,pass,setvar:tx.level=3"),
                rule("TX:level", "@lt 2", "id:1,phase:1,pass,skipAfter:END"), action("id:2,phase:1,pass"),
                marker("END")), "/"))).containsExactly(9, 2);
        assertThat(ids(runGet(rules, "/"))).containsExactly(2);
    }

    @Test
    void denyInterruptsWhenOnButOnlyLogsInDetectionOnly() {
        RuleSet on = compile(rule("ARGS", "@rx attack", "id:1,phase:1,deny,status:406,msg:'bad'"),
                action("id:2,phase:1,pass"), action("id:3,phase:5,pass"));
        Transaction tx = runGet(on, "/?q=attack");
        tx.processLogging();
        assertThat(tx.interruption()).hasValueSatisfying(i -> {
            assertThat(i.status()).isEqualTo(406);
            assertThat(i.ruleId()).isEqualTo(1);
        });
        assertThat(ids(tx)).containsExactly(1, 3);
        assertThat(tx.logLines().get(0)).startsWith("ModSecurity: Access denied with code 406 (phase 1).");

        RuleSet detect = compile(EngineConfig.defaults().withRuleEngine(RuleEngineMode.DETECTION_ONLY),
                rule("ARGS", "@rx attack", "id:1,phase:1,deny,status:406"), action("id:2,phase:1,pass"));
        Transaction d = runGet(detect, "/?q=attack");
        assertThat(d.interruption()).isEmpty();
        assertThat(ids(d)).containsExactly(1, 2);
        assertThat(d.logLines().get(0)).startsWith("ModSecurity: Warning.");
    }

    @Test
    void logLineCarriesIdMsgDataSeverityAndTags() {
        RuleSet rules = compile(defaults("phase:2,log,auditlog,pass"),
                rule("ARGS", "@rx (?i)or 1=1", "id:942100,phase:2,block,capture,t:lowercase,"
                        + "msg:'SQL Injection',logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: "
                        + "%{MATCHED_VAR}',severity:'CRITICAL',tag:'attack-sqli',ver:'OWASP_CRS/4.28.0'"));
        Transaction tx = run(rules, request("POST", "/post", "var=1234 OR 1=1",
                "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(tx.logLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("[id \"942100\"]")
                .contains("[msg \"SQL Injection\"]")
                .contains("[data \"Matched Data: or 1=1 found within ARGS:var: 1234 or 1=1\"]")
                .contains("[severity \"2\"]")
                .contains("[tag \"attack-sqli\"]")
                .contains("against variable `ARGS:var'")
                .matches(".*\\[id \"942100\"\\].*\\[msg \"SQL Injection\"\\].*"));
    }

    @Test
    void nologRulesMatchWithoutLogLines() {
        Transaction tx = runGet(compile(action("id:1,phase:1,pass,nolog")), "/");
        assertThat(ids(tx)).containsExactly(1);
        assertThat(tx.logLines()).isEmpty();
    }

    @Test
    void multiMatchTestsTheValueAfterEveryTransformation() {
        RuleSet plain = compile(rule("ARGS", "@rx ^ABC$", "id:1,phase:1,pass,t:lowercase"));
        RuleSet multi = compile(rule("ARGS", "@rx ^ABC$", "id:1,phase:1,pass,t:lowercase,multiMatch"));
        assertThat(ids(runGet(plain, "/?a=ABC"))).isEmpty();
        assertThat(ids(runGet(multi, "/?a=ABC"))).containsExactly(1);
    }

    @Test
    void ctlRuleRemoveByIdAndTagAffectLaterRules() {
        RuleSet rules = compile(
                action("id:1,phase:1,pass,ctl:ruleRemoveById=3,ctl:ruleRemoveByTag=noisy"),
                action("id:2,phase:1,pass,tag:'noisy'"),
                action("id:3,phase:2,pass"),
                action("id:4,phase:2,pass"));
        assertThat(ids(runGet(rules, "/"))).containsExactly(1, 4);
    }

    @Test
    void ctlRuleRemoveTargetByTagExcludesThatTarget() {
        RuleSet rules = compile(
                action("id:1,phase:1,pass,ctl:ruleRemoveTargetByTag=xss;ARGS:safe"),
                rule("ARGS", "@rx <script", "id:2,phase:2,pass,tag:'xss'"),
                rule("ARGS", "@rx <script", "id:3,phase:2,pass,tag:'other'"));
        assertThat(ids(runGet(rules, "/?safe=<script>"))).containsExactly(1, 3);
        assertThat(ids(runGet(rules, "/?other=<script>"))).containsExactly(1, 2, 3);
    }

    @Test
    void ctlRuleEngineOffStopsLaterRules() {
        RuleSet rules = compile(action("id:1,phase:1,pass,ctl:ruleEngine=Off"), action("id:2,phase:1,pass"));
        assertThat(ids(runGet(rules, "/"))).containsExactly(1);
    }

    @Test
    void ctlRequestBodyProcessorAndForceRequestBodyVariable() {
        RuleSet rules = compile(
                rule("REQUEST_HEADERS:Content-Type", "@rx ^text/plain", "id:1,phase:1,pass,"
                        + "ctl:requestBodyProcessor=URLENCODED"),
                rule("ARGS:a", "@rx ^b$", "id:2,phase:2,pass"));
        Transaction tx = run(rules, request("POST", "/", "a=b", "Content-Type", "text/plain"));
        assertThat(ids(tx)).containsExactly(1, 2);
        assertThat(tx.variable(Variable.REQBODY_PROCESSOR)).isEqualTo("URLENCODED");

        RuleSet forced = compile(
                rule("REQBODY_PROCESSOR", "!@rx (?:URLENCODED|MULTIPART|XML|JSON)",
                        "id:1,phase:1,pass,ctl:forceRequestBodyVariable=On"),
                rule("REQUEST_BODY", "@rx secret", "id:2,phase:2,pass"));
        assertThat(ids(run(forced, request("POST", "/", "a secret", "Content-Type", "text/plain"))))
                .containsExactly(1, 2);
        assertThat(ids(run(compile(rule("REQUEST_BODY", "@rx secret", "id:2,phase:2,pass")),
                request("POST", "/", "{\"a\":\"secret\"}", "Content-Type", "application/json"))))
                .as("REQUEST_BODY is not filled for JSON unless forced").isEmpty();
    }

    @Test
    void jsonBodiesFillArgsWithDottedNames() {
        RuleSet rules = compile(rule("ARGS", "@rx .", "id:1,phase:2,pass,log,logdata:'%{MATCHED_VAR_NAME}'"));
        Transaction tx = run(rules, request("POST", "/", "{\"a\":{\"b\":\"x\"},\"arr\":[1,\"y\"]}",
                "Content-Type", "application/json"));
        assertThat(tx.matches()).extracting(RuleMatch::data)
                .containsExactly("ARGS:json.a.b", "ARGS:json.arr", "ARGS:json.arr");
        assertThat(tx.variable(Variable.REQBODY_PROCESSOR)).isEqualTo("JSON");
    }

    @Test
    void malformedJsonSetsReqbodyError() {
        Transaction tx = run(compile(), request("POST", "/", "{\"a\":", "Content-Type", "application/json"));
        assertThat(tx.variable(Variable.REQBODY_ERROR)).isEqualTo("1");
        assertThat(tx.variable(Variable.REQBODY_ERROR_MSG)).contains("JSON");
    }

    @Test
    void xmlBodiesFillXmlTextAndAttributes() {
        RuleSet rules = compile(rule("XML:/*", "@rx hello world", "id:1,phase:2,pass"),
                rule("XML://@*", "@rx ^attr$", "id:2,phase:2,pass"));
        Transaction tx = run(rules, request("POST", "/", "<a x=\"attr\"><b>hello </b>world</a>",
                "Content-Type", "application/xml"));
        assertThat(ids(tx)).containsExactly(1, 2);
    }

    @Test
    void multipartBodiesFillArgsFilesAndPartHeaders() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"a.php\"\r\n"
                + "Content-Type: text/plain\r\n\r\n<?php ?>\r\n--XyZ--\r\n";
        RuleSet rules = compile(rule("ARGS:field", "@rx ^value$", "id:1,phase:2,pass"),
                rule("FILES", "@rx \\.php$", "id:2,phase:2,pass"),
                rule("FILES_NAMES", "@rx ^up$", "id:3,phase:2,pass"),
                rule("MULTIPART_PART_HEADERS:up", "@rx (?i)^content-type", "id:4,phase:2,pass"),
                rule("MULTIPART_STRICT_ERROR", "@eq 0", "id:5,phase:2,pass"),
                rule("FILES_COMBINED_SIZE", "@eq 8", "id:6,phase:2,pass"));
        Transaction tx = run(rules, request("POST", "/", body, "Content-Type", "multipart/form-data; boundary=XyZ"));
        assertThat(ids(tx)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void macrosExpandCollectionMembersAndScalars() {
        RuleSet rules = compile(action("id:1,phase:1,pass,setvar:'tx.a=%{REQUEST_HEADERS.host}|%{request_line}|"
                + "%{ARGS.q}|%{tx.missing}|%{REMOTE_ADDR}'"));
        assertThat(runGet(rules, "/p?q=1", "Host", "example").tx("a"))
                .isEqualTo("example|GET /p?q=1 HTTP/1.1|1||10.0.0.1");
    }

    @Test
    void responsePhasesSeeStatusHeadersAndInspectedBodies() {
        EngineConfig config = new EngineConfig(RuleEngineMode.ON, true, 1000, 1000, true, 1000,
                List.of("text/html"), '&', 10, 100, 10, List.of(), true);
        RuleSet rules = compile(config,
                rule("RESPONSE_STATUS", "@rx ^500$", "id:1,phase:3,pass"),
                rule("RESPONSE_HEADERS:content-type", "@rx html", "id:2,phase:3,pass"),
                rule("RESPONSE_BODY", "@rx stack trace", "id:3,phase:4,pass"));
        Transaction tx = runGet(rules, "/");
        WafResponse response = new WafResponse(500, "HTTP/1.1", List.of(new HttpHeader("Content-Type", "text/html")),
                "a stack trace".getBytes(StandardCharsets.ISO_8859_1));
        tx.processResponseHeaders(response);
        tx.processResponseBody(response);
        assertThat(ids(tx)).containsExactly(1, 2, 3);

        Transaction json = runGet(rules, "/");
        WafResponse other = new WafResponse(200, "HTTP/1.1",
                List.of(new HttpHeader("Content-Type", "application/json")),
                "stack trace".getBytes(StandardCharsets.ISO_8859_1));
        json.processResponseBody(other);
        assertThat(ids(json)).isEmpty();
    }

    @Test
    void ctlRuleRemoveTargetByIdAndRemoveByMsg() {
        RuleSet rules = compile(
                action("id:1,phase:1,pass,ctl:ruleRemoveTargetById=2;ARGS:/^safe_/,ctl:ruleRemoveByMsg=noisy rule"),
                rule("ARGS", "@rx evil", "id:2,phase:2,pass"),
                rule("ARGS", "@rx evil", "id:3,phase:2,pass,msg:'noisy rule'"));
        assertThat(ids(runGet(rules, "/?safe_a=evil&safe_b=evil"))).containsExactly(1);
        assertThat(ids(runGet(rules, "/?other=evil"))).containsExactly(1, 2);
    }

    @Test
    void ctlRuleEngineDetectionOnlyTurnsLaterDenialsIntoWarnings() {
        RuleSet rules = compile(action("id:1,phase:1,pass,nolog,ctl:ruleEngine=DetectionOnly"),
                rule("ARGS", "@rx x", "id:2,phase:2,deny"));
        Transaction tx = runGet(rules, "/?a=x");
        assertThat(tx.interruption()).isEmpty();
        assertThat(tx.logLines()).singleElement().satisfies(l -> assertThat(l).startsWith("ModSecurity: Warning."));
    }

    @Test
    void skipAfterMayNameARuleId() {
        RuleSet rules = compile(action("id:1,phase:1,pass,skipAfter:2"), action("id:2,phase:1,pass"),
                action("id:3,phase:1,pass"));
        assertThat(ids(runGet(rules, "/"))).containsExactly(1, 3);
    }

    @Test
    void nonChainedRulesLogOncePerMatchedValueChainsOnce() {
        RuleSet rules = compile(rule("ARGS", "@rx x", "id:1,phase:2,pass"),
                rule("ARGS", "@rx x", "id:2,phase:2,pass,chain"), rule("ARGS", "@rx x", "t:none"));
        assertThat(ids(runGet(rules, "/?a=x&b=x"))).containsExactly(1, 1, 2);
    }

    @Test
    void allowPhaseOnlyStopsTheCurrentPhase() {
        RuleSet rules = compile(action("id:1,phase:1,allow:phase"), action("id:2,phase:1,pass"),
                action("id:3,phase:2,pass"));
        assertThat(ids(runGet(rules, "/"))).containsExactly(1, 3);
    }

    @Test
    void argumentsBeyondTheLimitAreDroppedAndMakeTheBodyAnError() {
        EngineConfig config = new EngineConfig(RuleEngineMode.ON, true, 1000, 1000, false, 1000,
                List.of(), '&', 10, 3, 10, List.of(), true);
        RuleSet rules = compile(config, rule("&ARGS", "@eq 3", "id:1,phase:2,pass"));
        Transaction tx = run(rules, request("POST", "/?a=1&b=2", "c=3&d=4&e=5",
                "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(ids(tx)).containsExactly(1);
        assertThat(tx.variable(Variable.REQBODY_ERROR)).isEqualTo("1");
        assertThat(tx.variable(Variable.REQBODY_ERROR_MSG)).contains("Too many arguments");
    }

    @Test
    void allowStopsTheRemainingRequestPhases() {
        RuleSet rules = compile(action("id:1,phase:1,allow"), action("id:2,phase:1,pass"),
                action("id:3,phase:2,pass"), action("id:4,phase:5,pass"));
        Transaction tx = runGet(rules, "/");
        tx.processLogging();
        assertThat(ids(tx)).containsExactly(1, 4);
    }
}
