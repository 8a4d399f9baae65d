package dev.aiguard.waf.internal.regex;

import dev.aiguard.waf.internal.seclang.ActionSpec;
import dev.aiguard.waf.internal.seclang.Directive;
import dev.aiguard.waf.internal.seclang.RuleDirective;
import dev.aiguard.waf.internal.seclang.SecLangParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ReDoS: every {@code @rx} pattern of a whole rule set (all files, all paranoia levels), compiled as the WAF compiles
 * it (the engine plus the bounded backtracking fallback), runs in time linear in the input on inputs shaped to make a
 * backtracking engine blow up ({@link AdversarialInputs}). Per pattern, every shape is timed at {@value #SCREEN_SMALL}
 * and {@value #SCREEN_LARGE} bytes; the shape that grew fastest and the slowest one are then timed carefully, {@code find} and
 * {@code findGroups} apart, at {@value #SMALL} and {@value #LARGE} bytes (8x): the smallest of several interleaved
 * repetitions must grow at most {@value #MAX_RATIO}x (quadratic would be 64x), and one large match must stay under an
 * absolute ceiling. A ratio over the bound is measured twice more before it counts, since this machine is noisy.
 * Patterns on the backtracking fallback are also checked by counting the regex engine's char reads, which no noise
 * affects.
 *
 * <p>{@code -Daiguard.redos.shapes=40} builds more shapes per pattern (the default build uses 12);
 * {@code -Daiguard.redos.full=true} times every shape carefully instead of the screened few (much longer).
 */
class CrsRegexLinearityTest {

    static final int SCREEN_SMALL = 512;
    static final int SCREEN_LARGE = 4 << 10;
    static final int SMALL = 8 << 10;
    static final int LARGE = 64 << 10;
    static final double MAX_RATIO = 16;
    /** One 64 KB match taking longer than this is a hang for a WAF, linear or not (the CRS needs ~1 ms). */
    static final long CEILING_NANOS = 2_000_000_000L;
    /** Shapes per pattern: 12 keeps the default build near a minute per engine; the recorded run used 40. */
    private static final int MAX_SHAPES = Integer.getInteger("aiguard.redos.shapes", 12);
    /** Shapes timed carefully per pattern: the one that grew fastest in the screening, and the slowest. */
    private static final int FASTEST_GROWING = 1;
    private static final int REPETITIONS = 3;
    /** Each careful sample repeats the small input until it takes about this long, so timer noise stays small. */
    private static final long SAMPLE_NANOS = 300_000;
    /** Groups the {@code @rx} operator asks for with {@code capture}. */
    private static final int CAPTURE_GROUPS = 9;
    private static final boolean FULL = Boolean.getBoolean("aiguard.redos.full");

    private static final Path DEBIAN_CRS3 = Path.of("/usr/share/modsecurity-crs");

    /**
     * Timings are the thread's CPU time, not wall time: on a shared, overloaded machine a long sample is descheduled
     * more often than a short one, which inflates exactly the large-input side of the ratio.
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long sink;

    static Stream<Arguments> ruleSetsAndEngines() {
        List<Arguments> cases = new ArrayList<>();
        for (String ruleSet : List.of("crs-4.28", "debian-crs-3.3")) {
            for (String engine : List.of("re2j", "hyperscan")) {
                cases.add(Arguments.of(ruleSet, engine));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("ruleSetsAndEngines")
    void everyRxPatternRunsInLinearTimeOnAdversarialInputs(String ruleSet, String engineKind) {
        Map<String, String> patterns = rxPatterns(rulesDir(ruleSet));
        if (engineKind.equals("hyperscan")) {
            HyperscanEngineTest.assumeHyperscan();
        }
        List<Measurement> measured = new ArrayList<>();
        List<String> fallbackReport = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        int shapes = 0;
        long started = System.nanoTime();
        try (RegexEngine engine = RegexEngines.select(engineKind)) {
            for (Map.Entry<String, String> entry : patterns.entrySet()) {
                CompiledPattern compiled = engine.compile(entry.getKey());
                List<AdversarialInputs.Shape> all = AdversarialInputs.of(entry.getKey(), MAX_SHAPES);
                shapes += all.size();
                for (AdversarialInputs.Shape shape : FULL ? all : screen(compiled, all)) {
                    for (Operation op : Operation.values()) {
                        Measurement m = measure(entry.getValue(), compiled, shape, op);
                        measured.add(m);
                        if (m.ratio() > MAX_RATIO || m.largeNanos() > CEILING_NANOS) {
                            violations.add(m.toString());
                        }
                    }
                }
                if (compiled instanceof BacktrackingPattern backtracking) {
                    fallbackReport.add(countSteps(entry.getValue(), backtracking, all, violations));
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("redos %s on %s: %d patterns, %d shapes, %d careful measurements, %d s%n", ruleSet,
                engineKind, patterns.size(), shapes, measured.size(), seconds);
        measured.stream().sorted(Comparator.comparingDouble(Measurement::ratio).reversed()).limit(5)
                .forEach(m -> System.out.println("redos   worst ratio: " + m));
        measured.stream().sorted(Comparator.comparingLong(Measurement::largeNanos).reversed()).limit(3)
                .forEach(m -> System.out.println("redos   slowest 64 KB: " + m));
        fallbackReport.forEach(line -> System.out.println("redos   fallback " + line));

        assertThat(patterns).hasSizeGreaterThan(200);
        assertThat(measured).hasSizeGreaterThanOrEqualTo(patterns.size() * Operation.values().length);
        assertThat(violations).as("patterns that are not linear on %s (%s)", engineKind, ruleSet).isEmpty();
    }

    /** What the WAF runs: {@code find}, or {@code findGroups} for rules with {@code capture}. */
    enum Operation {
        FIND, GROUPS;

        long run(CompiledPattern pattern, String input) {
            return this == FIND ? (pattern.find(input) ? 1 : 0)
                    : String.valueOf(pattern.findGroups(input, CAPTURE_GROUPS)).length();
        }
    }

    /** Careful timing of one shape and operation: per-call nanoseconds at 8 and 64 KB (minimum of repetitions). */
    record Measurement(String ruleId, AdversarialInputs.Shape shape, Operation op, long smallNanos, long largeNanos) {
        double ratio() {
            return (double) largeNanos / Math.max(smallNanos, 1);
        }

        @Override
        public String toString() {
            return String.format("rule %s %s %.1fx (8 KB %.3f ms, 64 KB %.3f ms) %s", ruleId, op, ratio(),
                    smallNanos / 1e6, largeNanos / 1e6, shape);
        }
    }

    /** The shapes worth timing carefully: the ones that grew fastest from 0.5 to 4 KB, and the slowest at 4 KB. */
    private static List<AdversarialInputs.Shape> screen(CompiledPattern pattern, List<AdversarialInputs.Shape> all) {
        record Screened(AdversarialInputs.Shape shape, double growth, long small) {
        }
        List<Screened> screened = new ArrayList<>();
        for (AdversarialInputs.Shape shape : all) {
            String small = shape.render(SCREEN_SMALL);
            String large = shape.render(SCREEN_LARGE);
            long tSmall = Math.min(time(pattern, small), time(pattern, small));
            long tLarge = time(pattern, large);
            screened.add(new Screened(shape, (double) tLarge / Math.max(tSmall, 1), tLarge));
        }
        List<AdversarialInputs.Shape> chosen = new ArrayList<>();
        screened.stream().sorted(Comparator.comparingDouble(Screened::growth).reversed()).limit(FASTEST_GROWING)
                .forEach(s -> chosen.add(s.shape()));
        screened.stream().max(Comparator.comparingLong(Screened::small))
                .filter(s -> !chosen.contains(s.shape())).ifPresent(s -> chosen.add(s.shape()));
        return chosen;
    }

    private static long time(CompiledPattern pattern, String input) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        sink += Operation.FIND.run(pattern, input) + Operation.GROUPS.run(pattern, input);
        return THREADS.getCurrentThreadCpuTime() - t0;
    }

    /** A ratio over the bound is measured again, twice, and the best of the three counts. */
    private static Measurement measure(String ruleId, CompiledPattern pattern, AdversarialInputs.Shape shape,
                                       Operation op) {
        String small = shape.render(SMALL);
        String large = shape.render(LARGE);
        Measurement best = null;
        for (int attempt = 0; attempt < 3 && (best == null || best.ratio() > MAX_RATIO); attempt++) {
            Measurement m = timeBoth(ruleId, pattern, shape, op, small, large);
            if (best == null || m.ratio() < best.ratio()) {
                best = m;
            }
        }
        return best;
    }

    private static Measurement timeBoth(String ruleId, CompiledPattern pattern, AdversarialInputs.Shape shape,
                                        Operation op, String small, String large) {
        long once = perCall(pattern, op, small, 1);
        int iterations = (int) Math.max(1, Math.min(256, SAMPLE_NANOS / Math.max(once, 1)));
        long bestSmall = Long.MAX_VALUE;
        long bestLarge = Long.MAX_VALUE;
        for (int r = 0; r < REPETITIONS; r++) {
            bestSmall = Math.min(bestSmall, perCall(pattern, op, small, iterations));
            bestLarge = Math.min(bestLarge, perCall(pattern, op, large, Math.max(1, iterations / 8)));
            if (bestLarge > CEILING_NANOS) {
                break;
            }
        }
        return new Measurement(ruleId, shape, op, bestSmall, bestLarge);
    }

    private static long perCall(CompiledPattern pattern, Operation op, String input, int iterations) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int k = 0; k < iterations; k++) {
            sink += op.run(pattern, input);
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / iterations;
    }

    /**
     * For a pattern on the backtracking fallback: the char reads of {@code find} on every shape at 8 and 64 KB. The
     * step budget caps them linearly anyway; what this adds is whether an input reaches the budget (an aborted match,
     * which counts as a match: fail-closed) and the growth of the work below it.
     */
    private static String countSteps(String ruleId, BacktrackingPattern pattern, List<AdversarialInputs.Shape> all,
                                     List<String> violations) {
        double worst = 0;
        String worstShape = "";
        int aborted = 0;
        for (AdversarialInputs.Shape shape : all) {
            long small = pattern.findSteps(shape.render(SMALL));
            long large = pattern.findSteps(shape.render(LARGE));
            if (small < 0 || large < 0) {
                aborted++;
                continue;
            }
            double ratio = (double) large / Math.max(small, 1);
            if (ratio > worst) {
                worst = ratio;
                worstShape = shape.toString();
            }
            if (ratio > MAX_RATIO) {
                violations.add("rule " + ruleId + " fallback steps " + small + " -> " + large + " " + shape);
            }
        }
        return String.format("rule %s: %d shapes, worst step ratio %.1fx %s, %d aborted by the step budget",
                ruleId, all.size(), worst, worstShape, aborted);
    }

    private static Path rulesDir(String ruleSet) {
        if (ruleSet.equals("crs-4.28")) {
            return CrsTestData.crsDir().resolve("rules");
        }
        Assumptions.assumeTrue(Files.isDirectory(DEBIAN_CRS3.resolve("rules")),
                "Debian's CRS 3.3 not installed at " + DEBIAN_CRS3 + " (apt-get install modsecurity-crs)");
        return DEBIAN_CRS3.resolve("rules");
    }

    /** Distinct {@code @rx} patterns of every rule file (chain links included), each with its rule's id. */
    static Map<String, String> rxPatterns(Path rules) {
        SecLangParser parser = new SecLangParser();
        Map<String, String> patterns = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(rules)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                String ruleId = "?";
                for (Directive d : parser.parseFile(file)) {
                    if (d instanceof RuleDirective rule) {
                        ruleId = idOf(rule, ruleId);
                        if (rule.operator().name().equalsIgnoreCase("rx")) {
                            patterns.putIfAbsent(rule.operator().argument(), ruleId);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return patterns;
    }

    /** The rule's id, or {@code chainHead}'s for a chain link (which has none). */
    private static String idOf(RuleDirective rule, String chainHead) {
        return rule.actions().stream().filter(a -> a.name().equals("id")).map(ActionSpec::value).findFirst()
                .orElse(chainHead);
    }
}
