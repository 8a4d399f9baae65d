package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.internal.seclang.RemoveRulesDirective;
import dev.aiguard.waf.internal.seclang.RuleSelector;
import dev.aiguard.waf.internal.seclang.SecLangException;
import dev.aiguard.waf.internal.seclang.SettingDirective;
import dev.aiguard.waf.internal.seclang.SourceLocation;
import dev.aiguard.waf.internal.seclang.UpdateActionsDirective;
import dev.aiguard.waf.internal.seclang.UpdateTargetsDirective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.aiguard.waf.internal.engine.TestRules.action;
import static dev.aiguard.waf.internal.engine.TestRules.actions;
import static dev.aiguard.waf.internal.engine.TestRules.compile;
import static dev.aiguard.waf.internal.engine.TestRules.defaults;
import static dev.aiguard.waf.internal.engine.TestRules.marker;
import static dev.aiguard.waf.internal.engine.TestRules.rule;
import static dev.aiguard.waf.internal.engine.TestRules.ruleAt;
import static dev.aiguard.waf.internal.engine.TestRules.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleCompilerTest {

    private static final SourceLocation AT = new SourceLocation(TestRules.FILE, 9);

    @Test
    void rulesAreGroupedByPhaseInFileOrderWithDefaultPhaseTwo() {
        RuleSet set = compile(
                rule("ARGS", "@rx a", "id:1,phase:1"),
                rule("ARGS", "@rx b", "id:2"),
                rule("ARGS", "@rx c", "id:3,phase:request"),
                rule("RESPONSE_BODY", "@rx d", "id:4,phase:response"),
                action("id:5,phase:logging"));
        assertThat(set.rules(1)).extracting(CompiledRule::id).containsExactly(1);
        assertThat(set.rules(2)).extracting(CompiledRule::id).containsExactly(2, 3);
        assertThat(set.rules(4)).extracting(CompiledRule::id).containsExactly(4);
        assertThat(set.rules(5)).extracting(CompiledRule::id).containsExactly(5);
    }

    @Test
    void chainedRulesBecomeLinksOfTheirStarter() {
        RuleSet set = compile(
                rule("ARGS", "@rx a", "id:1,phase:2,chain"),
                rule("ARGS", "@rx b", "chain"),
                rule("ARGS", "@rx c", "setvar:tx.x=1"),
                rule("ARGS", "@rx d", "id:2"));
        CompiledRule first = set.rules(2).get(0);
        assertThat(first.next()).isNotNull();
        assertThat(first.next().next()).isNotNull();
        assertThat(first.next().next().next()).isNull();
        assertThat(first.next().phase()).isEqualTo(2);
        assertThat(set.rules(2)).extracting(CompiledRule::id).containsExactly(1, 2);
    }

    @Test
    void blockResolvesToThePhaseDefaultAndDefaultsApplyToLaterRulesOnly() {
        RuleSet set = compile(
                rule("ARGS", "@rx a", "id:1,phase:2,block"),
                defaults("phase:2,log,auditlog,deny,status:403"),
                rule("ARGS", "@rx b", "id:2,phase:2,block"),
                rule("ARGS", "@rx c", "id:3,phase:2,pass,nolog"),
                rule("ARGS", "@rx d", "id:4,phase:2"));
        List<CompiledRule> rules = set.rules(2);
        assertThat(rules.get(0).disruptive()).isEqualTo(Disruptive.PASS);
        assertThat(rules.get(1).disruptive()).isEqualTo(Disruptive.DENY);
        assertThat(rules.get(2).disruptive()).isEqualTo(Disruptive.PASS);
        assertThat(rules.get(2).log()).isFalse();
        assertThat(rules.get(3).disruptive()).isEqualTo(Disruptive.DENY);
        assertThat(rules.get(3).log()).isTrue();
    }

    @Test
    void markersResolveToTheIndexAfterThemInEveryPhase() {
        RuleSet set = compile(
                rule("ARGS", "@rx a", "id:1,phase:1,skipAfter:END"),
                rule("ARGS", "@rx b", "id:2,phase:2"),
                marker("END"),
                rule("ARGS", "@rx c", "id:3,phase:2"));
        assertThat(set.jumpTarget(1, "END")).isEqualTo(1);
        assertThat(set.jumpTarget(2, "END")).isEqualTo(1);
        assertThat(set.jumpTarget(3, "END")).isZero();
        assertThat(set.jumpTarget(2, "MISSING")).isEqualTo(-1);
    }

    @Test
    void tNoneResetsTheTransformationChain() {
        RuleSet set = compile(
                defaults("phase:2,log,pass,t:lowercase"),
                rule("ARGS", "@rx a", "id:1,phase:2,t:trim"),
                rule("ARGS", "@rx a", "id:2,phase:2,t:none,t:length"));
        assertThat(set.rules(2).get(0).transformKey()).isEqualTo("lowercase,trim");
        assertThat(set.rules(2).get(1).transformKey()).isEqualTo("length");
    }

    @Test
    void removeByIdTagAndMsgDropEarlierRules() {
        RuleSet set = compile(
                rule("ARGS", "@rx a", "id:100,phase:2"),
                rule("ARGS", "@rx a", "id:150,phase:2"),
                rule("ARGS", "@rx a", "id:200,phase:2,tag:'attack-sqli'"),
                rule("ARGS", "@rx a", "id:300,phase:2,msg:'Bad thing'"),
                rule("ARGS", "@rx a", "id:400,phase:2"),
                new RemoveRulesDirective(RuleSelector.BY_ID, List.of("100-160"), AT),
                new RemoveRulesDirective(RuleSelector.BY_TAG, List.of("attack-sqli"), AT),
                new RemoveRulesDirective(RuleSelector.BY_MSG, List.of("/^Bad/"), AT));
        assertThat(set.rules(2)).extracting(CompiledRule::id).containsExactly(400);
    }

    @Test
    void updateTargetByIdAppendsExclusions() {
        RuleSet set = compile(
                rule("REQUEST_COOKIES|ARGS", "@rx a", "id:1,phase:2"),
                new UpdateTargetsDirective(RuleSelector.BY_ID, "1", targets("!REQUEST_COOKIES:/^_ga/"), null, AT));
        CompiledRule r = set.rules(2).get(0);
        assertThat(r.targets()).hasSize(2);
        assertThat(r.exclusions()).singleElement().satisfies(t -> {
            assertThat(t.variable()).isEqualTo(Variable.REQUEST_COOKIES);
            assertThat(t.selectsKey("_GA_x")).isTrue();
        });
    }

    @Test
    void updateTargetWithReplacementSwapsTheTarget() {
        RuleSet set = compile(
                rule("ARGS|REQUEST_HEADERS", "@rx a", "id:1,phase:2"),
                new UpdateTargetsDirective(RuleSelector.BY_ID, "1", targets("ARGS_POST"),
                        targets("ARGS").get(0), AT));
        assertThat(set.rules(2).get(0).targets()).extracting(CompiledTarget::variable)
                .containsExactly(Variable.ARGS_POST, Variable.REQUEST_HEADERS);
    }

    @Test
    void updateActionByIdReplacesSingleValuedActions() {
        RuleSet set = compile(
                rule("ARGS", "@rx a", "id:1,phase:2,deny,msg:'old',tag:'a'"),
                new UpdateActionsDirective("1", actions("pass,msg:'new',tag:'b'"), AT));
        CompiledRule r = set.rules(2).get(0);
        assertThat(r.disruptive()).isEqualTo(Disruptive.PASS);
        assertThat(r.msg().source()).isEqualTo("new");
        assertThat(r.tags()).containsExactly("a", "b");
    }

    @Test
    void settingsAreCollectedIntoTheConfig() {
        RuleSet set = compile(
                new SettingDirective("SecRuleEngine", "DetectionOnly", AT),
                new SettingDirective("SecResponseBodyAccess", "On", AT),
                new SettingDirective("SecResponseBodyMimeType", "text/plain application/json", AT),
                new SettingDirective("SecComponentSignature", "OWASP_CRS/4.28.0", AT));
        assertThat(set.config().ruleEngine()).isEqualTo(RuleEngineMode.DETECTION_ONLY);
        assertThat(set.config().responseBodyAccess()).isTrue();
        assertThat(set.config().inspectsResponseMimeType("application/json; charset=utf-8")).isTrue();
        assertThat(set.config().inspectsResponseMimeType("text/html")).isFalse();
        assertThat(set.config().componentSignatures()).containsExactly("OWASP_CRS/4.28.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown action      | ARGS        | @rx a       | id:1,phase:2,frobnicate     | action 'frobnicate'",
        "unknown variable    | NOPE        | @rx a       | id:1,phase:2                | unknown variable 'NOPE'",
        "unknown transform   | ARGS        | @rx a       | id:1,t:nope                 | unknown transformation",
        "unknown operator    | ARGS        | @nope a     | id:1                        | operator '@nope'",
        "skipAfter no marker | ARGS        | @rx a       | id:1,skipAfter:NOWHERE      | skipAfter:NOWHERE",
        "missing id          | ARGS        | @rx a       | phase:2                     | rule has no id",
        "bad phase           | ARGS        | @rx a       | id:1,phase:9                | bad phase '9'",
        "bad severity        | ARGS        | @rx a       | id:1,severity:'LOUD'        | unknown severity",
        "bad ctl             | ARGS        | @rx a       | id:1,ctl:nope=1             | unknown ctl 'nope'",
    })
    void invalidRulesAreRejectedNamingFileAndLine(String name, String targets, String op, String actions,
                                                  String expected) {
        assertThatThrownBy(() -> compile(ruleAt(42, targets, op, actions)))
                .isInstanceOf(SecLangException.class)
                .hasMessageContaining("test.conf:42")
                .hasMessageContaining(expected);
    }

    @Test
    void chainWithoutFollowingRuleIsRejected() {
        assertThatThrownBy(() -> compile(ruleAt(7, "ARGS", "@rx a", "id:1,chain")))
                .isInstanceOf(SecLangException.class)
                .hasMessageContaining("test.conf:7")
                .hasMessageContaining("chain");
        assertThatThrownBy(() -> compile(ruleAt(7, "ARGS", "@rx a", "id:1,chain"), marker("X")))
                .hasMessageContaining("no rule follows");
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> compile(rule("ARGS", "@rx a", "id:1"), ruleAt(3, "ARGS", "@rx b", "id:1")))
                .isInstanceOf(SecLangException.class)
                .hasMessageContaining("test.conf:3")
                .hasMessageContaining("duplicate rule id 1");
    }

    @Test
    void unsupportedSettingIsRejected() {
        assertThatThrownBy(() -> compile(new SettingDirective("SecFrobnicate", "On", AT)))
                .isInstanceOf(SecLangException.class)
                .hasMessageContaining("test.conf:9")
                .hasMessageContaining("SecFrobnicate");
    }
}
