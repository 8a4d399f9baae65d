package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link CompiledPattern} semantics, run against every engine (one subclass per engine).
 * Inputs in the tables use Java escapes: {@code \n}, {@code \u000b} etc. are decoded before matching.
 */
abstract class RegexEngineContract {

    private RegexEngine engine;

    abstract RegexEngine newEngine();

    @BeforeEach
    void open() {
        engine = newEngine();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private boolean find(String pattern, String input) {
        return engine.compile(pattern).find(input);
    }

    @ParameterizedTest(name = "[{index}] /{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // $ only at the very end, never before a final newline
            "abc$      | abc         | true",
            "abc$      | 'abc\\n'    | false",
            "^$        | ''          | true",
            "^$        | '\\n'       | false",
            "(?:a)$      | 'a\\n'      | false",
            "[$]       | 'a$'        | true",
            "\\$       | 'a$'        | true",
            // DOTALL, not multiline
            "a.b       | 'a\\nb'     | true",
            "^b        | 'a\\nb'     | false",
            "a\\z      | 'a\\n'      | false",
            // \\s includes VT; \\S excludes it, in and outside classes
            "a\\sb     | 'a\\u000bb' | true",
            "a[\\s]b   | 'a\\u000bb' | true",
            "a[^\\s]b  | 'a\\u000bb' | false",
            "a\\Sb     | 'a\\u000bb' | false",
            "a[\\S]b   | 'a\\u000bb' | false",
            "a[\\S]b   | 'axb'      | true",
            "a\\s+b    | 'a\\t\\n\\f\\r b' | true",
            "a\\sb     | 'a\\u0085b' | false",
            "a\\sb     | 'a\\u00a0b' | false",
            // high bytes are bytes; case folding is ASCII only
            "\\x{c2}\\x{b4}       | 'x\\u00c2\\u00b4y' | true",
            "\\x{e2}\\x80[\\x98\\x99] | '\\u00e2\\u0080\\u0099' | true",
            "(?i)\\x{c2}\\x{b4}   | '\\u00e2\\u00b4'     | false",
            "(?i)[\\x{c0}-\\x{c5}] | '\\u00e2'          | false",
            "(?i)[\\x{c0}-\\x{c5}] | '\\u00c3'          | true",
            "(?i)select          | SeLeCt              | true",
            "(?i)k               | '\\u212a'           | false",
            "[\\x7f-\\x{ff}]      | '\\u0080'           | true",
            "[\\x7f-\\x{ff}]      | '\\u00ff'           | true",
            "[\\x7f-\\x{ff}]      | '~'                 | false",
            "[^a]                | '\\u00e9'           | true",
            "\\W                 | '\\u00e9'           | true",
            "\\w                 | '\\u00e9'           | false",
            "\\bsel\\b           | '\\u00e9sel\\u00e9' | true",
            "\\xac\\xed\\x00\\x05  | 'x\\u00ac\\u00ed\\u0000\\u0005' | true",
            // NUL bytes and the empty input
            "a\\x00b   | 'a\\u0000b' | true",
            "a.b       | 'a\\u0000b' | true",
            "\\x00     | abc         | false",
            "a*        | ''          | true",
            "a         | ''          | false",
            "^0?$      | ''          | true",
            "^0?$      | 0           | true",
            "^0?$      | 00          | false",
            // chars above 0xFF are not bytes and read as '?'
            "\\?       | '\\u20ac'   | true",
            "\\x{ac}   | '\\u20ac'   | false",
            // misc syntax the CRS uses
            "(?i:ab)c  | ABc         | true",
            "(?i:ab)c  | ABC         | false",
            "x{2,3}?y  | xxy         | true",
            "\\Qa.b\\E | axb         | false",
            "\\Qa.b\\E | a.b         | true",
            "[]a]      | ]           | true",
            "[a-]      | '-'         | true",
            "[\\w-]    | '-'         | true",
            "[[:digit:]] | 7         | true",
            "\\x{0041}  | A           | true",
            "[\\x{00c0}-\\x{00c5}] | '\\u00c3' | true",
    })
    void findFollowsTheDocumentedByteSemantics(String pattern, String input, boolean expected) {
        assertThat(find(pattern, unescape(input))).isEqualTo(expected);
    }

    @Test
    void findGroupsReturnsWholeMatchThenGroupsWithEmptyForNonParticipating() {
        CompiledPattern p = engine.compile("(\\d+)-(x)?(\\w+)");
        assertThat(p.findGroups("id 12-ab!", 9)).containsExactly("12-ab", "12", "", "ab");
        assertThat(p.findGroups("id 12-ab!", 1)).containsExactly("12-ab", "12");
        assertThat(p.findGroups("none", 9)).isNull();
    }

    @Test
    void findGroupsReturnsHighBytesAsBytes() {
        List<String> groups = engine.compile("(\\x{c2}.)").findGroups("a\u00c2\u00b4b", 9);
        assertThat(groups).containsExactly("\u00c2\u00b4", "\u00c2\u00b4");
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertThat(find("", "")).isTrue();
        assertThat(find("", "abc")).isTrue();
    }

    @Test
    void nestedQuantifiersStayLinearOn100KiB() {
        String input = "a".repeat(100 * 1024) + "!";
        long start = System.nanoTime();
        assertThat(find("(a+)+$", input)).isFalse();
        assertThat(find("^(a|aa)+$", input)).isFalse();
        assertThat(find("(a*)*b", input)).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void patternsAreIndependentAndReusable() {
        CompiledPattern a = engine.compile("alpha");
        CompiledPattern b = engine.compile("beta$");
        for (int i = 0; i < 3; i++) {
            assertThat(a.find("xalphax")).isTrue();
            assertThat(b.find("xalphax")).isFalse();
            assertThat(b.find("beta")).isTrue();
        }
        assertThat(a.pattern()).isEqualTo("alpha");
    }

    @Test
    void longInputsGrowTheScanBuffer() {
        CompiledPattern p = engine.compile("needle\\z");
        assertThat(p.find("x".repeat(300_000) + "needle")).isTrue();
        assertThat(p.find("short needle")).isTrue();
    }

    @Test
    void invalidPatternsAreRejectedWithClearMessage() {
        assertThatThrownBy(() -> engine.compile("(abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.compile("[abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[abc");
        assertThatThrownBy(() -> engine.compile("a\u20acb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byte strings");
        assertThatThrownBy(() -> engine.compile(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.compile("\\x{100}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a byte");
        assertThatThrownBy(() -> engine.compile("\\x{zz}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void patternsAreThreadSafe() throws Exception {
        CompiledPattern p = engine.compile("(?i)union\\s+select");
        List<Thread> threads = new ArrayList<>();
        Map<Integer, Boolean> failures = new ConcurrentHashMap<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    if (!p.find("1 UNION\u000bSELECT " + i) || p.find("union only " + i)) {
                        failures.put(id, true);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    /** Decodes the Java escapes used in the tables ({@code \n}, {@code \t}, {@code \f}, {@code \r}, {@code \\uXXXX}). */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'f' -> out.append('\f');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }
}
