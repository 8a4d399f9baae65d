package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Big and mangled input: linear time, no stack overflow, only {@link SecLangException}s. */
class SecLangHostileInputTest {
    private static final Path ORIGIN = Path.of("hostile.conf");
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final SecLangParser parser = new SecLangParser();

    static Stream<Arguments> hugeErrors() {
        return Stream.of(
                Arguments.of("unterminated double quote",
                        "SecRule ARGS \"" + "a".repeat(TEN_MB),
                        "hostile.conf:1: unterminated quote in argument '\"" + "a".repeat(56) + "...'"),
                Arguments.of("unterminated single-quoted action value full of escaped quotes",
                        "SecAction \"msg:'" + "\\'".repeat(TEN_MB / 2) + "\"",
                        "hostile.conf:1: unterminated single quote in action 'msg:'" + "\\'".repeat(26) + "...'"),
                Arguments.of("ten million pipes",
                        "SecRule " + "|".repeat(TEN_MB) + " \"@rx a\"",
                        "hostile.conf:1: empty variable name in target list '" + "|".repeat(57) + "...'"),
                Arguments.of("unterminated regex selector with escaped slashes",
                        "SecRule ARGS:/" + "\\/".repeat(TEN_MB / 2) + " \"@rx a\"",
                        "hostile.conf:1: unterminated regex selector in target 'ARGS:/" + "\\/".repeat(25) + "\\...'"),
                Arguments.of("ten million commas",
                        "SecAction \"id:1" + ",".repeat(TEN_MB) + "\"",
                        "hostile.conf:1: empty action in action list 'id:1" + ",".repeat(53) + "...'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeErrors")
    void tenMegabyteMalformedStatementFailsFastWithAShortMessage(String name, String text, String message) {
        assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> parser.parseText(text, ORIGIN))
                .isInstanceOf(SecLangException.class).hasMessage(message));
    }

    @Test
    void fiveMillionContinuationLinesJoinIntoOneStatement() {
        String text = "SecMarker \\\n" + "\\\n".repeat(TEN_MB / 2) + "END\n";
        List<Directive> ds = assertTimeoutPreemptively(LIMIT, () -> parser.parseText(text, ORIGIN));
        assertThat(ds).containsExactly(new MarkerDirective("END", new SourceLocation(ORIGIN, 1)));
    }

    @Test
    void tenMegabyteRegexSelectorAndOperatorAreKept() {
        String regex = "a".repeat(TEN_MB / 2);
        String text = "SecRule ARGS:/" + regex + "/ \"@rx " + regex + "\" \"id:1\"";
        RuleDirective rule = (RuleDirective) assertTimeoutPreemptively(LIMIT, () -> parser.parseText(text, ORIGIN))
                .get(0);
        assertThat(rule.targets().get(0).key()).hasSize(regex.length());
        assertThat(rule.operator().argument()).hasSize(regex.length());
    }

    @Test
    void oneMillionCommentLinesGiveNothing() {
        String text = "# comment \\\n".repeat(TEN_MB / 12);
        assertThat(assertTimeoutPreemptively(LIMIT, () -> parser.parseText(text, ORIGIN))).isEmpty();
    }

    @Test
    void randomlyMangledRulesFailOnlyWithSecLangException() {
        String sample = """
                SecRule REQUEST_COOKIES|!REQUEST_COOKIES:/__utm/|ARGS:'a:b'|XML:/* "!@rx (?i)a\\"b|c" \\
                    "id:1,phase:2,t:none,msg:'it\\'s, here',setvar:'tx.a=+%{tx.b}',ctl:ruleRemoveById=2"
                SecAction "id:2,pass,nolog"
                SecMarker "END"
                SecRuleRemoveById 1 2-3
                SecRuleUpdateTargetById 1 "!ARGS:/^x$/" ARGS
                SecRuleEngine On
                """;
        assertThat(parser.parseText(sample, ORIGIN)).hasSize(6);
        String specials = "\"'\\|:,@!&/ #\n-";
        Random random = new Random(20261123L);
        int failures = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder(sample);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length());
                if (random.nextBoolean()) {
                    text.deleteCharAt(at);
                } else {
                    text.insert(at, specials.charAt(random.nextInt(specials.length())));
                }
            }
            String mangled = text.toString();
            Throwable thrown = catchThrowable(() -> parser.parseText(mangled, ORIGIN));
            if (thrown != null) {
                failures += 1;
                if (!(thrown instanceof SecLangException) || !thrown.getMessage().startsWith("hostile.conf:")) {
                    throw new AssertionError("unexpected " + thrown + " for input:\n" + mangled, thrown);
                }
            }
        }
        // the mutations must actually reach the error paths, and not break every input
        assertThat(failures).isBetween(250, 4_750);
    }
}
