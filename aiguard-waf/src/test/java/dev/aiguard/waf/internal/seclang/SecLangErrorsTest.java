package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed rule text: every error names file, line and the offending token. */
class SecLangErrorsTest {
    private static final Path ORIGIN = Path.of("bad.conf");

    static Stream<Arguments> malformed() {
        return Stream.of(
                // directives and argument counts
                Arguments.of("SecFoo bar", 1, "unknown directive 'SecFoo'"),
                Arguments.of("\n\nSecRuleScript /x.lua", 3, "unknown directive 'SecRuleScript'"),
                Arguments.of("SecRule ARGS", 1, "SecRule takes 2 or 3 arguments, got 1"),
                Arguments.of("SecRule ARGS \"@rx a\" \"id:1\" extra", 1,
                        "SecRule takes 2 or 3 arguments, got 4: unexpected 'extra'"),
                Arguments.of("SecAction", 1, "SecAction takes 1 argument, got 0"),
                Arguments.of("SecMarker", 1, "SecMarker takes 1 argument, got 0"),
                Arguments.of("SecMarker \"\"", 1, "SecMarker name is empty"),
                Arguments.of("SecRuleEngine", 1, "SecRuleEngine takes 1 argument, got 0"),
                Arguments.of("SecRuleEngine On # trailing comment", 1,
                        "SecRuleEngine takes 1 argument, got 4: unexpected '#'"),
                Arguments.of("SecResponseBodyMimeTypesClear x", 1,
                        "SecResponseBodyMimeTypesClear takes 0 arguments, got 1: unexpected 'x'"),
                Arguments.of("SecUnicodeMapFile a b c", 1, "SecUnicodeMapFile takes 1 or 2 arguments, got 3: unexpected 'c'"),
                Arguments.of("SecRuleRemoveById", 1, "SecRuleRemoveById takes at least 1 argument, got 0"),
                // quoting
                Arguments.of("SecRule ARGS \"@rx a", 1, "unterminated quote in argument '\"@rx a'"),
                Arguments.of("SecRule ARGS \"@rx a\"x \"id:1\"", 1,
                        "unexpected 'x' after closing quote of argument '\"@rx a\"'"),
                // actions
                Arguments.of("SecRule ARGS \"@rx a\" \"id:1,msg:'oops\"", 1, "unterminated single quote in action 'msg:'oops'"),
                Arguments.of("SecAction \"id:1,,pass\"", 1, "empty action in action list 'id:1,,pass'"),
                Arguments.of("SecAction \"id:1,\"", 1, "empty action in action list 'id:1,'"),
                Arguments.of("SecAction \"id:1,:x\"", 1, "empty action name in ':x'"),
                Arguments.of("SecAction \"id 1\"", 1, "bad action name 'id 1'"),
                Arguments.of("SecAction \"msg:'a'b,pass\"", 1, "unexpected text after quoted value in action 'msg:'a'b'"),
                Arguments.of("SecDefaultAction \"phase:2,log,\"", 1, "empty action in action list 'phase:2,log,'"),
                // targets
                Arguments.of("SecRule \"\" \"@rx a\"", 1, "empty target list"),
                Arguments.of("SecRule ARGS||ARGS_NAMES \"@rx a\"", 1, "empty variable name in target list 'ARGS||ARGS_NAMES'"),
                Arguments.of("SecRule ARGS| \"@rx a\"", 1, "empty variable name in target list 'ARGS|'"),
                Arguments.of("SecRule :foo \"@rx a\"", 1, "empty variable name in target list ':foo'"),
                Arguments.of("SecRule ARGS:/foo \"@rx a\"", 1, "unterminated regex selector in target 'ARGS:/foo'"),
                Arguments.of("SecRule ARGS:/a/b|ARGS \"@rx a\"", 1, "unterminated regex selector in target 'ARGS:/a/b|ARGS'"),
                Arguments.of("SecRule ARGS:// \"@rx a\"", 1, "empty regex selector in target 'ARGS://'"),
                Arguments.of("SecRule ARGS: \"@rx a\"", 1, "empty selector in target 'ARGS:'"),
                Arguments.of("SecRule ARGS|ARG$ \"@rx a\"", 1, "bad variable name 'ARG$' in target 'ARG$'"),
                Arguments.of("SecRule !&ARGS \"@rx a\"", 1, "target cannot be both excluded and counted: '!&ARGS'"),
                Arguments.of("SecRule \"ARGS:'foo\" \"@rx a\"", 1, "unterminated quoted selector in target 'ARGS:'foo'"),
                Arguments.of("SecRule \"ARGS:'a'b\" \"@rx a\"", 1, "unexpected text after quoted selector in target 'ARGS:'a'b'"),
                // operators
                Arguments.of("SecRule ARGS \"@ foo\"", 1, "missing operator name in '@ foo'"),
                Arguments.of("SecRule ARGS \"!@\"", 1, "missing operator name in '!@'"),
                Arguments.of("SecRule ARGS \"@rx(a) b\"", 1, "bad operator name '@rx(a)'"),
                // rule ids
                Arguments.of("SecRuleRemoveById 1 abc", 1, "invalid rule id or range 'abc'"),
                Arguments.of("SecRuleRemoveById 10-5", 1, "rule id range '10-5' starts after it ends"),
                Arguments.of("SecRuleRemoveById 1-", 1, "invalid rule id or range '1-'"),
                Arguments.of("SecRuleRemoveById 12345678901", 1, "invalid rule id or range '12345678901'"),
                Arguments.of("SecRuleRemoveById \",\"", 1, "SecRuleRemoveById has no rule id"),
                Arguments.of("SecRuleUpdateActionById x1 \"pass\"", 1, "invalid rule id 'x1'"),
                Arguments.of("SecRuleUpdateTargetById abc \"!ARGS:a\"", 1, "invalid rule id or range 'abc'"),
                Arguments.of("SecRuleUpdateTargetById 1 ARGS \"ARGS:a|ARGS:b\"", 1,
                        "the replaced target must be a single target, got 'ARGS:a|ARGS:b'"),
                Arguments.of("SecRuleUpdateTargetByTag \"\" \"!ARGS:a\"", 1, "SecRuleUpdateTargetByTag needs a non-empty selector"),
                Arguments.of("SecRuleRemoveByMsg ''", 1, "SecRuleRemoveByMsg needs a non-empty selector"),
                // locations and excerpts
                Arguments.of("SecMarker A\n\nSecRule ARGS \\\n   \"@rx a\" \\\n   \"id:1,msg:'x\"", 3,
                        "unterminated single quote in action 'msg:'x'"),
                Arguments.of("Sec" + "A".repeat(100) + " x", 1, "unknown directive 'Sec" + "A".repeat(54) + "...'"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedTextIsRejectedWithFileLineAndToken(String text, int line, String message) {
        SecLangException e = catchThrowableOfType(SecLangException.class,
                () -> new SecLangParser().parseText(text, ORIGIN));
        assertThat(e).as("no exception for %s", text).isNotNull();
        assertThat(e.getMessage()).isEqualTo("bad.conf:" + line + ": " + message);
        assertThat(e.file()).isEqualTo(ORIGIN);
        assertThat(e.line()).isEqualTo(line);
    }
}
