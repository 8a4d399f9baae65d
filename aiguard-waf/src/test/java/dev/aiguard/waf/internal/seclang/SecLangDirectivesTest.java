package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecLangDirectivesTest {
    private static final Path ORIGIN = Path.of("inline.conf");
    private final SecLangParser parser = new SecLangParser();

    private Directive single(String text) {
        List<Directive> directives = parser.parseText(text, ORIGIN);
        assertThat(directives).hasSize(1);
        return directives.get(0);
    }

    @Test
    void secRuleWithTargetsOperatorAndActions() {
        Directive d = single("""
                # a CRS-style rule
                SecRule REQUEST_COOKIES|!REQUEST_COOKIES:/__utm/|ARGS_NAMES|ARGS|XML:/* "@rx (?i)select\\s" \\
                    "id:942100,\\
                    phase:2,\\
                    block,\\
                    t:none,t:urlDecodeUni,\\
                    msg:'SQL Injection Attack: it\\'s bad',\\
                    tag:'paranoia-level/1',\\
                    setvar:'tx.sql_injection_score=+%{tx.critical_anomaly_score}'"
                """);
        assertThat(d).isEqualTo(new RuleDirective(
                List.of(new Target("REQUEST_COOKIES", null, false, false, false),
                        new Target("REQUEST_COOKIES", "__utm", true, false, true),
                        new Target("ARGS_NAMES", null, false, false, false),
                        new Target("ARGS", null, false, false, false),
                        new Target("XML", "/*", false, false, false)),
                new OperatorSpec("rx", "(?i)select\\s", false),
                List.of(new ActionSpec("id", "942100"), new ActionSpec("phase", "2"), new ActionSpec("block", null),
                        new ActionSpec("t", "none"), new ActionSpec("t", "urlDecodeUni"),
                        new ActionSpec("msg", "SQL Injection Attack: it's bad"),
                        new ActionSpec("tag", "paranoia-level/1"),
                        new ActionSpec("setvar", "tx.sql_injection_score=+%{tx.critical_anomaly_score}")),
                new SourceLocation(ORIGIN, 2)));
    }

    @Test
    void chainedSecRuleWithoutActionsHasAnEmptyActionList() {
        RuleDirective rule = (RuleDirective) single("SecRule MATCHED_VAR \"@eq 0\"");
        assertThat(rule.actions()).isEmpty();
        assertThat(rule.operator()).isEqualTo(new OperatorSpec("eq", "0", false));
    }

    @Test
    void secRuleWithUnquotedOperatorWord() {
        RuleDirective rule = (RuleDirective) single("SecRule ARGS ^admin$ id:1,deny");
        assertThat(rule.operator()).isEqualTo(new OperatorSpec("rx", "^admin$", false));
        assertThat(rule.actions()).containsExactly(new ActionSpec("id", "1"), new ActionSpec("deny", null));
    }

    @Test
    void doubleQuotedArgumentUnescapesQuotesInsideSingleQuotedValues() {
        RuleDirective rule = (RuleDirective) single(
                "SecRule ARGS \"@rx \\\"x\\\"\" \"id:1,msg:'the \\\"magic number\\\" crash'\"");
        assertThat(rule.operator().argument()).isEqualTo("\"x\"");
        assertThat(rule.actions()).contains(new ActionSpec("msg", "the \"magic number\" crash"));
    }

    @Test
    void secActionAndSecDefaultAction() {
        List<Directive> ds = parser.parseText("""
                SecDefaultAction "phase:2,log,auditlog,pass"
                SecAction "id:900990,phase:1,pass,t:none,nolog,setvar:tx.crs_setup_version=4280"
                """, ORIGIN);
        assertThat(ds).containsExactly(
                new DefaultActionDirective(List.of(new ActionSpec("phase", "2"), new ActionSpec("log", null),
                        new ActionSpec("auditlog", null), new ActionSpec("pass", null)), new SourceLocation(ORIGIN, 1)),
                new ActionDirective(List.of(new ActionSpec("id", "900990"), new ActionSpec("phase", "1"),
                        new ActionSpec("pass", null), new ActionSpec("t", "none"), new ActionSpec("nolog", null),
                        new ActionSpec("setvar", "tx.crs_setup_version=4280")), new SourceLocation(ORIGIN, 2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SecMarker END-HOST-CHECK          | END-HOST-CHECK",
        "SecMarker \"END-REQUEST-911\"     | END-REQUEST-911",
        "SecMarker 'END QUOTED'            | END QUOTED",
        "secmarker lower                   | lower",
    })
    void secMarkerQuotedOrNot(String text, String name) {
        assertThat(single(text)).isEqualTo(new MarkerDirective(name, new SourceLocation(ORIGIN, 1)));
    }

    @Test
    void secRuleRemoveByIdTakesSeveralIdsAndRanges() {
        assertThat(single("SecRuleRemoveById 942100 920000-920999 \"941100,941101 941110\""))
                .isEqualTo(new RemoveRulesDirective(RuleSelector.BY_ID,
                        List.of("942100", "920000-920999", "941100", "941101", "941110"), new SourceLocation(ORIGIN, 1)));
    }

    @Test
    void secRuleRemoveByTagAndByMsg() {
        assertThat(parser.parseText("SecRuleRemoveByTag \"attack-injection-php\"\nSecRuleRemoveByMsg 'SQL Injection'",
                ORIGIN)).containsExactly(
                new RemoveRulesDirective(RuleSelector.BY_TAG, List.of("attack-injection-php"),
                        new SourceLocation(ORIGIN, 1)),
                new RemoveRulesDirective(RuleSelector.BY_MSG, List.of("SQL Injection"), new SourceLocation(ORIGIN, 2)));
    }

    @Test
    void secRuleUpdateTargetByIdTagAndMsg() {
        List<Directive> ds = parser.parseText("""
                SecRuleUpdateTargetById 932240 "!REQUEST_COOKIES:/^_ga(?:_\\w+)?$/"
                SecRuleUpdateTargetByTag "attack-sqli" "!ARGS:foo|!ARGS:bar"
                SecRuleUpdateTargetByMsg "Some message" ARGS:new ARGS:old
                SecRuleUpdateTargetById 942100-942199 !ARGS:pwd
                """, ORIGIN);
        assertThat(ds).containsExactly(
                new UpdateTargetsDirective(RuleSelector.BY_ID, "932240",
                        List.of(new Target("REQUEST_COOKIES", "^_ga(?:_\\w+)?$", true, false, true)), null,
                        new SourceLocation(ORIGIN, 1)),
                new UpdateTargetsDirective(RuleSelector.BY_TAG, "attack-sqli",
                        List.of(new Target("ARGS", "foo", false, false, true), new Target("ARGS", "bar", false, false,
                                true)), null, new SourceLocation(ORIGIN, 2)),
                new UpdateTargetsDirective(RuleSelector.BY_MSG, "Some message",
                        List.of(new Target("ARGS", "new", false, false, false)),
                        new Target("ARGS", "old", false, false, false), new SourceLocation(ORIGIN, 3)),
                new UpdateTargetsDirective(RuleSelector.BY_ID, "942100-942199",
                        List.of(new Target("ARGS", "pwd", false, false, true)), null, new SourceLocation(ORIGIN, 4)));
    }

    @Test
    void secRuleUpdateActionById() {
        assertThat(single("SecRuleUpdateActionById 949110 \"t:none,redirect:'http://%{request_headers.host}/'\""))
                .isEqualTo(new UpdateActionsDirective("949110", List.of(new ActionSpec("t", "none"),
                        new ActionSpec("redirect", "http://%{request_headers.host}/")), new SourceLocation(ORIGIN, 1)));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "SecRuleEngine On => SecRuleEngine => On",
        "secruleengine DetectionOnly => SecRuleEngine => DetectionOnly",
        "SECREQUESTBODYACCESS On => SecRequestBodyAccess => On",
        "SecRequestBodyLimit 13107200 => SecRequestBodyLimit => 13107200",
        "SecRequestBodyNoFilesLimit 131072 => SecRequestBodyNoFilesLimit => 131072",
        "SecRequestBodyLimitAction Reject => SecRequestBodyLimitAction => Reject",
        "SecResponseBodyAccess Off => SecResponseBodyAccess => Off",
        "SecResponseBodyLimit 524288 => SecResponseBodyLimit => 524288",
        "SecResponseBodyLimitAction ProcessPartial => SecResponseBodyLimitAction => ProcessPartial",
        "SecResponseBodyMimeType text/plain text/html text/xml => SecResponseBodyMimeType => text/plain text/html text/xml",
        "SecResponseBodyMimeTypesClear => SecResponseBodyMimeTypesClear => ''",
        "SecArgumentSeparator & => SecArgumentSeparator => &",
        "SecCookieFormat 0 => SecCookieFormat => 0",
        "SecUnicodeMapFile unicode.mapping 20127 => SecUnicodeMapFile => unicode.mapping 20127",
        "SecArgumentsLimit 1000 => SecArgumentsLimit => 1000",
        "SecRequestBodyJsonDepthLimit 512 => SecRequestBodyJsonDepthLimit => 512",
        "SecPcreMatchLimit 1000 => SecPcreMatchLimit => 1000",
        "SecPcreMatchLimitRecursion 1000 => SecPcreMatchLimitRecursion => 1000",
        "SecCollectionTimeout 600 => SecCollectionTimeout => 600",
        "SecTmpDir /tmp/ => SecTmpDir => /tmp/",
        "SecDataDir /tmp/ => SecDataDir => /tmp/",
        "SecDebugLog /var/log/modsec_debug.log => SecDebugLog => /var/log/modsec_debug.log",
        "SecDebugLogLevel 3 => SecDebugLogLevel => 3",
        "SecAuditEngine RelevantOnly => SecAuditEngine => RelevantOnly",
        "SecAuditLog /var/log/modsec_audit.log => SecAuditLog => /var/log/modsec_audit.log",
        "SecAuditLogParts ABIJDEFHZ => SecAuditLogParts => ABIJDEFHZ",
        "SecAuditLogType Serial => SecAuditLogType => Serial",
        "SecAuditLogRelevantStatus \"^(?:5|4(?!04))\" => SecAuditLogRelevantStatus => ^(?:5|4(?!04))",
        "SecStatusEngine Off => SecStatusEngine => Off",
        "SecUploadDir /tmp => SecUploadDir => /tmp",
        "SecUploadKeepFiles Off => SecUploadKeepFiles => Off",
        "SecTmpSaveUploadedFiles on => SecTmpSaveUploadedFiles => on",
        "SecXmlExternalEntity Off => SecXmlExternalEntity => Off",
        "SecComponentSignature \"OWASP_CRS/4.28.0\" => SecComponentSignature => OWASP_CRS/4.28.0",
    })
    void settingsKeepTheirCanonicalNameAndValue(String text, String name, String value) {
        assertThat(single(text)).isEqualTo(new SettingDirective(name, value, new SourceLocation(ORIGIN, 1)));
    }

    @Test
    void directivesComeBackInFileOrderWithTheirFirstLine() {
        List<Directive> ds = parser.parseText("""
                SecRuleEngine On

                # comment
                SecRule ARGS "@rx a" \\
                    "id:1,\\
                    chain"
                    SecRule ARGS "@rx b"
                SecMarker END
                """, ORIGIN);
        assertThat(ds).extracting(d -> d.location().line()).containsExactly(1, 4, 7, 8);
        assertThat(ds).extracting(d -> d.getClass().getSimpleName())
                .containsExactly("SettingDirective", "RuleDirective", "RuleDirective", "MarkerDirective");
    }

    @Test
    void emptyTextGivesNoDirectives() {
        assertThat(parser.parseText("", ORIGIN)).isEmpty();
        assertThat(parser.parseText("# only a comment\n\n", ORIGIN)).isEmpty();
    }
}
