package dev.aiguard.waf;

import dev.aiguard.waf.internal.regex.HyperscanAvailability;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecLangEngineTest {

    private static final String RULES = String.join("\n",
            "SecRuleEngine On",
            "SecDefaultAction \"phase:2,log,auditlog,pass\"",
            "SecRule ARGS \"@rx (?i)union\\s+select\" \"id:1001,phase:2,deny,status:403,capture,"
                    + "msg:'SQLi',logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}',"
                    + "tag:'attack-sqli',severity:'CRITICAL',setvar:'tx.score=+%{tx.weight}'\"",
            "");

    private static WafRequest get(String uri) {
        return new WafRequest("GET", uri, "HTTP/1.1", List.of(new HttpHeader("Host", "example")), "10.1.2.3", 5555,
                "example", 443, new byte[0]);
    }

    @Test
    void denyingRuleInterruptsAndReportsWhatMatched() {
        SecLangEngine engine = SecLangEngine.builder().regexEngine("re2j").ruleText(RULES, "rules.conf")
                .txVariable("weight", "7").build();
        WafResult result = engine.newTransaction(get("/?q=1%20UNION%20SELECT%20x")).processRequest();
        assertThat(result.interruption()).hasValueSatisfying(i -> {
            assertThat(i.ruleId()).isEqualTo(1001);
            assertThat(i.status()).isEqualTo(403);
            assertThat(i.action()).isEqualTo("deny");
        });
        MatchedRule rule = result.loggedRules().get(0);
        assertThat(rule.id()).isEqualTo(1001);
        assertThat(rule.message()).isEqualTo("SQLi");
        assertThat(rule.data()).isEqualTo("Matched Data: UNION SELECT found within ARGS:q");
        assertThat(rule.tags()).containsExactly("attack-sqli");
        assertThat(rule.severity()).isEqualTo(2);
        assertThat(rule.matchedVariable()).isEqualTo("ARGS:q");
        assertThat(result.txVariables()).containsEntry("score", "7");
        assertThat(result.logLines().get(0)).contains("Access denied with code 403 (phase 2)")
                .contains("[id \"1001\"]");
    }

    @Test
    void benignRequestPassesAndDetectionOnlyNeverInterrupts() {
        SecLangEngine on = SecLangEngine.builder().regexEngine("re2j").ruleText(RULES, "rules.conf").build();
        assertThat(on.newTransaction(get("/?q=hello")).processRequest().matchedRules()).isEmpty();

        SecLangEngine detect = SecLangEngine.builder().regexEngine("re2j").ruleText(RULES, "rules.conf")
                .ruleEngine("DetectionOnly").build();
        WafResult r = detect.newTransaction(get("/?q=union select")).processRequest();
        assertThat(r.interruption()).isEmpty();
        assertThat(r.loggedRules()).extracting(MatchedRule::id).containsExactly(1001);
    }

    @Test
    void responsePhasesAndFinishRun() {
        String rules = "SecResponseBodyAccess On\nSecResponseBodyMimeType text/plain\n"
                + "SecRule RESPONSE_BODY \"@rx password\" \"id:2001,phase:4,pass,log,msg:'Leak'\"\n"
                + "SecAction \"id:2002,phase:5,pass,log,msg:'done'\"\n";
        SecLangEngine engine = SecLangEngine.builder().regexEngine("re2j").ruleText(rules, "r.conf").build();
        WafTransaction tx = engine.newTransaction(get("/"));
        tx.processRequest();
        tx.processResponse(new WafResponse(200, "HTTP/1.1", List.of(new HttpHeader("Content-Type", "text/plain")),
                "the password is".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(tx.finish().loggedRules()).extracting(MatchedRule::id).containsExactly(2001, 2002);
    }

    @Test
    void badRulesFailWithFileAndLine() {
        assertThatThrownBy(() -> SecLangEngine.builder().regexEngine("re2j")
                .ruleText("SecRule ARGS \"@rx a\" \"id:1,phase:2,pass\"\nSecRule ARGS \"@rx b\" \"id:1,pass\"\n",
                        "dup.conf").build())
                .isInstanceOf(WafConfigException.class)
                .hasMessageContaining("dup.conf:2")
                .hasMessageContaining("duplicate rule id 1");
        assertThatThrownBy(() -> SecLangEngine.builder().regexEngine("nope").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transactionsGetDistinctUniqueIds() {
        SecLangEngine engine = SecLangEngine.builder().regexEngine("re2j")
                .ruleText("SecAction \"id:1,phase:1,pass,nolog,setvar:tx.id=%{UNIQUE_ID}\"\n", "u.conf").build();
        String a = engine.newTransaction(get("/")).processRequest().txVariables().get("id");
        String b = engine.newTransaction(get("/")).processRequest().txVariables().get("id");
        assertThat(a).isNotBlank().isNotEqualTo(b);
    }

    @Test
    void persistentCollectionsLoadAndReadAsEmpty() {
        String rules = String.join("\n",
                "SecRuleEngine On",
                "SecRule IP:REPUT_BLOCK_FLAG \"@eq 1\" \"id:2001,phase:1,deny,status:403\"",
                "SecRule &GLOBAL:blocked \"@gt 0\" \"id:2002,phase:1,deny,status:403\"",
                "SecRule REMOTE_ADDR \"@geoLookup\" \"id:2003,phase:1,deny,status:403\"",
                "");
        SecLangEngine engine = SecLangEngine.builder().regexEngine("re2j").ruleText(rules, "persistent.conf").build();

        WafResult result = engine.newTransaction(get("/")).processRequest();

        assertThat(result.interruption()).isEmpty();
        assertThat(result.matchedRules()).isEmpty();
    }

    /** Captures are computed only when read; these pin what readers see to what eager captures gave. */
    private static final String CAPTURING_RULES = String.join("\n",
            "SecDefaultAction \"phase:2,log,pass\"",
            "SecRule ARGS:a \"@rx (x+)(y+)(z+)\" \"id:3001,phase:2,pass,capture,logdata:'first %{TX.0} %{TX.3}'\"",
            "SecRule ARGS:b \"@rx (q+)\" \"id:3002,phase:2,pass,capture,logdata:'second %{TX.0}/%{TX.1}/%{TX.2}'\"",
            "SecAction \"id:3003,phase:2,pass,nolog,setvar:'tx.seen=%{tx.0}-%{tx.2}-%{tx.3}'\"",
            "SecRule ARGS:c \"@rx (k+)\" \"id:3004,phase:2,pass,capture,setvar:tx.1=own,logdata:'%{TX.0}:%{TX.1}'\"",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"re2j", "hyperscan"})
    void captureReadersSeeTheGroupsOfTheMatchThatSetThem(String regexEngine) {
        Assumptions.assumeTrue(regexEngine.equals("re2j") || HyperscanAvailability.current().available(),
                "Hyperscan native library not available");
        SecLangEngine engine = SecLangEngine.builder().regexEngine(regexEngine)
                .ruleText(CAPTURING_RULES, "captures.conf").build();
        WafResult result = engine.newTransaction(get("/?a=-xxyz-&b=qq&c=kkk")).processRequest();

        // logdata keeps its own match's groups although later rules capture again
        assertThat(result.matchedRules()).extracting(MatchedRule::id, MatchedRule::data).containsExactly(
                tuple(3001, "first xxyz z"), tuple(3002, "second qq/qq/y"), tuple(3003, ""), tuple(3004, "kkk:own"));
        // a shorter capture leaves the earlier one's higher groups; a setvar of a group slot wins over the capture
        assertThat(result.txVariables()).containsEntry("seen", "qq-y-z")
                .containsEntry("0", "kkk").containsEntry("1", "own").containsEntry("2", "y").containsEntry("3", "z");
        assertThat(result.logLines().get(0)).contains("[data \"first xxyz z\"]");
    }
}
