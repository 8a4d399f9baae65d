package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Large, deeply nested and arbitrary byte inputs: no exception, and time proportional to the size. */
class HostileInputTest {

    private static final int MEGABYTE = 1 << 20;
    // A quadratic pass over a megabyte would take minutes; the budget leaves room for a loaded CI machine.
    private static final Duration BUDGET = Duration.ofSeconds(20);

    private final SqlInjectionDetector sql = new SqlInjectionDetector();
    private final XssDetector xss = new XssDetector();

    static Stream<Arguments> megabyteInputs() {
        return Stream.of(
                Arguments.of("random bytes", randomBytes(MEGABYTE)),
                Arguments.of("every byte value", everyByteValue(MEGABYTE)),
                Arguments.of("nested parentheses", "(".repeat(MEGABYTE / 2) + "1" + ")".repeat(MEGABYTE / 2)),
                Arguments.of("nested tags", "<a>".repeat(MEGABYTE / 3)),
                Arguments.of("unclosed tags", "<a ".repeat(MEGABYTE / 3)),
                Arguments.of("attributes", "<a " + "b=c ".repeat(MEGABYTE / 4)),
                Arguments.of("less-than signs", "<".repeat(MEGABYTE)),
                Arguments.of("comment openers", "<!--".repeat(MEGABYTE / 4)),
                Arguments.of("end tags", "</a".repeat(MEGABYTE / 3)),
                Arguments.of("quotes", "'\"`".repeat(MEGABYTE / 3)),
                Arguments.of("sql comment openers", "/*".repeat(MEGABYTE / 2)),
                Arguments.of("closed sql comments", "/**/".repeat(MEGABYTE / 4)),
                Arguments.of("unterminated string", "'" + "x".repeat(MEGABYTE)),
                Arguments.of("one long word", "a".repeat(MEGABYTE)),
                Arguments.of("keywords", "or 1=1 union select ".repeat(MEGABYTE / 20)),
                Arguments.of("late attack", "x".repeat(MEGABYTE) + "<script>' or 1=1--"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("megabyteInputs")
    void megabyteInputsFinishQuicklyWithoutException(String name, String input) {
        assertTimeoutPreemptively(BUDGET, () -> {
            sql.detect(input);
            xss.detect(input);
        });
    }

    @Test
    void injectionsBehindNestingAreStillFound() {
        assertThat(sql.detect("1) or (" + "(".repeat(40) + "select 1")).isPresent();
        assertThat(xss.detect("<b>".repeat(100_000) + "<img src=x onerror=alert(1)>")).isPresent();
    }

    @Test
    void sqlShapesNeedTheirTokensWithinTheLexerWindow() {
        assertThat(sql.detect("1) or (" + "(".repeat(10_000) + "select 1")).isEmpty();
    }

    /** The only two-byte SQL injections end a string or a statement and comment out the rest. */
    @Test
    void everySingleAndPairOfBytesIsHandled() {
        for (int a = 0; a < 256; a++) {
            String one = String.valueOf((char) a);
            assertThat(sql.detect(one)).isEmpty();
            assertThat(xss.detect(one)).isEmpty();
            for (int b = 0; b < 256; b++) {
                String two = one + (char) b;
                boolean quoteThenComment = (a == '\'' || a == '"' || a == ';') && b == '#';
                assertThat(sql.detect(two).isPresent()).as("two bytes %d %d", a, b).isEqualTo(quoteThenComment);
                assertThat(xss.detect(two)).as("two bytes %d %d", a, b).isEmpty();
            }
        }
    }

    private static String randomBytes(int size) {
        Random random = new Random(42);
        char[] chars = new char[size];
        for (int i = 0; i < size; i++) {
            chars[i] = (char) random.nextInt(256);
        }
        return new String(chars);
    }

    private static String everyByteValue(int size) {
        char[] chars = new char[size];
        for (int i = 0; i < size; i++) {
            chars[i] = (char) (i & 0xFF);
        }
        return new String(chars);
    }
}
