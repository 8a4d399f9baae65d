package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every CRS v4.28 {@code @rx} pattern in both engines and requires identical {@code find()}
 * answers on request values from the CRS regression tests. By default a deterministic sample of
 * {@value #DEFAULT_INPUTS} inputs is used; {@code -Daiguard.parity.inputs=0} runs all of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrsEngineParityTest {

    private static final int DEFAULT_INPUTS = 2000;

    private final Map<String, String> patternRule = new LinkedHashMap<>();
    private final Map<String, CompiledPattern> re2j = new LinkedHashMap<>();
    private final Map<String, CompiledPattern> hyperscan = new LinkedHashMap<>();
    private HyperscanEngine hyperscanEngine;
    private List<CrsTestData.RxStatement> statements;

    @BeforeAll
    void compileAll() {
        statements = CrsTestData.rxStatements();
        HyperscanEngineTest.assumeHyperscan();
        for (CrsTestData.RxStatement s : statements) {
            patternRule.putIfAbsent(s.pattern(), s.ruleId());
        }
        Re2jEngine re2jEngine = new Re2jEngine();
        long t0 = System.nanoTime();
        patternRule.keySet().forEach(p -> re2j.put(p, re2jEngine.compile(p)));
        long t1 = System.nanoTime();
        hyperscanEngine = new HyperscanEngine();
        // Hyperscan compiles are independent and the engine is thread-safe: use both cores.
        hyperscan.putAll(patternRule.keySet().parallelStream()
                .collect(Collectors.toConcurrentMap(p -> p, hyperscanEngine::compile)));
        long t2 = System.nanoTime();
        System.out.printf("parity: %d @rx statements, %d distinct patterns; compile RE2/J %d ms, Hyperscan %d ms%n",
                statements.size(), patternRule.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    @AfterAll
    void free() {
        if (hyperscanEngine != null) {
            hyperscanEngine.close();
        }
    }

    @Test
    void everyCrsPatternCompilesInBothEnginesWithKnownFallbacks() {
        assertThat(statements).hasSize(318);
        assertThat(patternRule).hasSize(294);
        Map<HyperscanEngine.Mode, List<String>> byMode = new EnumMap<>(HyperscanEngine.Mode.class);
        hyperscan.forEach((p, c) -> byMode.computeIfAbsent(((HyperscanPattern) c).mode(), m -> new ArrayList<>())
                .add(patternRule.get(p)));
        System.out.println("parity: Hyperscan modes " + byMode.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey() == HyperscanEngine.Mode.EXACT ? e.getValue().size() : e.getValue()))
                .toList());
        hyperscan.forEach((p, c) -> {
            HyperscanPattern h = (HyperscanPattern) c;
            if (h.mode() != HyperscanEngine.Mode.EXACT) {
                System.out.println("parity: " + patternRule.get(p) + " " + h.mode() + ": " + h.fallbackReason());
            }
        });
        assertThat(byMode.get(HyperscanEngine.Mode.RE2J_ONLY)).containsExactly("920510");
        // The "too large" 932xxx command lists (four of them PL1: 932230, 932235, 932250, 932260) split into
        // exact pieces. Their split databases take minutes to compile, so they come from the database cache or
        // are compiled in the background; until then the pattern answers through its prefilter.
        List<String> tooLarge = new ArrayList<>();
        tooLarge.addAll(byMode.getOrDefault(HyperscanEngine.Mode.SPLIT, List.of()));
        tooLarge.addAll(byMode.getOrDefault(HyperscanEngine.Mode.PREFILTER, List.of()));
        assertThat(tooLarge).contains("932230", "932235", "932250", "932260").allMatch(id -> id.startsWith("932"));
        hyperscan.forEach((p, c) -> {
            HyperscanPattern h = (HyperscanPattern) c;
            if (h.mode() == HyperscanEngine.Mode.PREFILTER || h.mode() == HyperscanEngine.Mode.SPLIT) {
                assertThat(AlternationSplitter.splitToSize(p, HyperscanEngine.DEFAULT_MAX_PIECE_LENGTH,
                        HyperscanEngine.MAX_PIECES)).as(patternRule.get(p) + " splits").isPresent();
            }
        });
    }

    @Test
    void splitPatternsCaptureWhatRe2jCaptures() {
        List<String> inputs = sample(CrsTestData.regressionInputs());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String pattern : patternRule.keySet()) {
            HyperscanPattern h = (HyperscanPattern) hyperscan.get(pattern);
            if (h.mode() != HyperscanEngine.Mode.SPLIT) {
                continue;
            }
            CompiledPattern r = re2j.get(pattern);
            for (String input : inputs) {
                List<String> expected = r.findGroups(input, 9);
                List<String> actual = h.findGroups(input, 9);
                compared++;
                if (!java.util.Objects.equals(expected, actual)) {
                    mismatches.add(patternRule.get(pattern) + " re2j=" + expected + " hs=" + actual + " input="
                            + abbreviate(input));
                }
            }
        }
        System.out.printf("parity: findGroups on split patterns: %d pairs, %d mismatches%n", compared,
                mismatches.size());
        org.junit.jupiter.api.Assumptions.assumeTrue(compared > 0,
                "no split database is ready (cold cache, compiling in the background)");
        assertThat(mismatches).isEmpty();
    }

    @Test
    void hyperscanAndRe2jAgreeOnEveryRegressionInput() {
        List<String> inputs = sample(CrsTestData.regressionInputs());
        List<String> mismatches = new ArrayList<>();
        Map<HyperscanEngine.Mode, long[]> nanosByMode = new EnumMap<>(HyperscanEngine.Mode.class);
        long matches = 0;
        for (String pattern : patternRule.keySet()) {
            CompiledPattern r = re2j.get(pattern);
            CompiledPattern h = hyperscan.get(pattern);
            long[] nanos = nanosByMode.computeIfAbsent(((HyperscanPattern) h).mode(), m -> new long[3]);
            nanos[2]++;
            for (String input : inputs) {
                long t0 = System.nanoTime();
                boolean expected = r.find(input);
                long t1 = System.nanoTime();
                boolean actual = h.find(input);
                nanos[1] += System.nanoTime() - t1;
                nanos[0] += t1 - t0;
                if (expected) {
                    matches++;
                }
                if (expected != actual) {
                    mismatches.add(patternRule.get(pattern) + " re2j=" + expected + " hs=" + actual + " input="
                            + abbreviate(input));
                }
            }
        }
        System.out.printf("parity: %d inputs x %d patterns = %d pairs, %d matches, %d mismatches%n",
                inputs.size(), patternRule.size(), (long) inputs.size() * patternRule.size(), matches,
                mismatches.size());
        nanosByMode.forEach((mode, n) -> System.out.printf(
                "parity: %s patterns (%d): find() total RE2/J %d ms, Hyperscan engine %d ms%n",
                mode, n[2], n[0] / 1_000_000, n[1] / 1_000_000));
        assertThat(mismatches).isEmpty();
    }

    private static List<String> sample(List<String> all) {
        int wanted = Integer.getInteger("aiguard.parity.inputs", DEFAULT_INPUTS);
        if (wanted <= 0 || wanted >= all.size()) {
            return all;
        }
        List<String> picked = new ArrayList<>(wanted);
        double step = (double) all.size() / wanted;
        for (int i = 0; i < wanted; i++) {
            picked.add(all.get((int) (i * step)));
        }
        return picked;
    }

    private static String abbreviate(String s) {
        String shown = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c > 0x7E ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
