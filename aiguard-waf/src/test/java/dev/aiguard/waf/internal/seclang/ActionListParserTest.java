package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActionListParserTest {

    private static ActionSpec a(String name, String value) {
        return new ActionSpec(name, value);
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of("id:1,phase:2,pass", List.of(a("id", "1"), a("phase", "2"), a("pass", null))),
                Arguments.of("id:1,    phase:2,    nolog", List.of(a("id", "1"), a("phase", "2"), a("nolog", null))),
                Arguments.of("skipAfter:END-X,multiMatch", List.of(a("skipafter", "END-X"), a("multimatch", null))),
                Arguments.of("t:none,t:urlDecodeUni", List.of(a("t", "none"), a("t", "urlDecodeUni"))),
                Arguments.of("tag:'paranoia-level/1'", List.of(a("tag", "paranoia-level/1"))),
                Arguments.of("msg:'a, b, c',pass", List.of(a("msg", "a, b, c"), a("pass", null))),
                Arguments.of("msg:'it\\'s'", List.of(a("msg", "it's"))),
                Arguments.of("msg:'keep \\d and \\\\'", List.of(a("msg", "keep \\d and \\\\"))),
                Arguments.of("setvar:'tx.x=+%{tx.y}'", List.of(a("setvar", "tx.x=+%{tx.y}"))),
                Arguments.of("setvar:tx.x=+%{tx.y}", List.of(a("setvar", "tx.x=+%{tx.y}"))),
                Arguments.of("ctl:ruleRemoveTargetByTag=xss-perf-disable;REQUEST_FILENAME",
                        List.of(a("ctl", "ruleRemoveTargetByTag=xss-perf-disable;REQUEST_FILENAME"))),
                Arguments.of("logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}'",
                        List.of(a("logdata", "Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}"))),
                Arguments.of("msg: 'spaced' , id : 5 ", List.of(a("msg", "spaced"), a("id", "5"))),
                Arguments.of("msg:", List.of(a("msg", ""))),
                Arguments.of("msg:''", List.of(a("msg", ""))),
                Arguments.of("redirect:'http://%{request_headers.host}/'",
                        List.of(a("redirect", "http://%{request_headers.host}/"))));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void parsesActionLists(String list, List<ActionSpec> expected) {
        assertThat(ActionListParser.parse(list)).containsExactlyElementsOf(expected);
    }
}
