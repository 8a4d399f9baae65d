package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine contract on Hyperscan, plus its routing and life cycle. Skipped where Hyperscan cannot run. */
class HyperscanEngineTest extends RegexEngineContract {

    static void assumeHyperscan() {
        HyperscanAvailability availability = HyperscanAvailability.current();
        Assumptions.assumeTrue(availability.available(), "Hyperscan unavailable: " + availability.reason());
    }

    @Override
    RegexEngine newEngine() {
        assumeHyperscan();
        return new HyperscanEngine();
    }

    @Test
    void embeddedEndAnchorFallsBackToRe2jOnly() {
        try (HyperscanEngine engine = new HyperscanEngine()) {
            HyperscanPattern p = (HyperscanPattern) engine.compile("^(?:a(?:,|$)){1,3}$");
            assertThat(p.mode()).isEqualTo(HyperscanEngine.Mode.RE2J_ONLY);
            assertThat(p.fallbackReason()).containsIgnoringCase("anchor");
            assertThat(p.find("a,a")).isTrue();
            assertThat(p.find("a,a\n")).isFalse();
            assertThat(p.findGroups("a,a", 9)).containsExactly("a,a");
        }
    }

    @Test
    void inputsScannedInTurnKeepTheirOwnAnswersWhenTheLoadedInputsAreReused() {
        // More distinct inputs than a thread keeps loaded, scanned round after round as the CRS does (rule by
        // rule over every value): reused, evicted and reloaded inputs must each give their own answer.
        try (HyperscanEngine engine = new HyperscanEngine()) {
            CompiledPattern p = engine.compile("needle\\d$");
            List<String> inputs = new ArrayList<>();
            for (int i = 0; i < ScanState.SLOTS * 2 + 3; i++) {
                String filler = "x".repeat(i * 97);
                inputs.add(i % 3 == 0 ? filler + "needle" + (i % 10) : filler + "needle");
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < inputs.size(); i++) {
                    assertThat(p.find(inputs.get(i))).as("round %d input %d", round, i).isEqualTo(i % 3 == 0);
                }
                for (int i = 0; i < ScanState.SLOTS / 2; i++) {
                    assertThat(p.find(inputs.get(i))).as("again input %d", i).isEqualTo(i % 3 == 0);
                    assertThat(p.find(new String(inputs.get(i)))).as("copy of input %d", i).isEqualTo(i % 3 == 0);
                }
            }
        }
    }

    @Test
    void tooLargeAlternationIsSplitAndAnsweredExactly() {
        StringBuilder words = new StringBuilder("(?i)(?:^|[;|&]\\s*)(?:");
        for (int i = 0; i < 1500; i++) {
            words.append(i == 0 ? "" : "|").append("c").append(Integer.toString(i * 7919, 36)).append("[\\s'\"]*x");
        }
        String pattern = words.append(")\\b").toString();
        String last = Integer.toString(1499 * 7919, 36);
        try (HyperscanEngine engine = new HyperscanEngine(2000, HyperscanEngine.SplitMode.SYNC, null)) {
            HyperscanPattern p = (HyperscanPattern) engine.compile(pattern);
            CompiledPattern re2j = new Re2jEngine().compile(pattern);
            assertThat(p.mode()).isIn(HyperscanEngine.Mode.EXACT, HyperscanEngine.Mode.SPLIT);
            if (p.mode() == HyperscanEngine.Mode.SPLIT) {
                assertThat(p.pieces()).hasSizeGreaterThan(1).allMatch(piece -> piece.length() <= 2000);
            }
            for (String input : List.of("c0x", "a; C" + Integer.toString(7919, 36) + " 'x!", "ac0x", "c0",
                    "|c" + last + "x", "|c" + last + "xy", "zz c0 x; c" + last + "x", "")) {
                assertThat(p.find(input)).as(input).isEqualTo(re2j.find(input));
                assertThat(p.findGroups(input, 9)).as(input).isEqualTo(re2j.findGroups(input, 9));
            }
        }
    }

    @Test
    void databasesAndCompileErrorsAreCachedOnDiskAndBadFilesIgnored(@TempDir Path dir) throws Exception {
        DatabaseCache cache = DatabaseCache.in(dir);
        try (HyperscanEngine engine = new HyperscanEngine(2000, HyperscanEngine.SplitMode.OFF, cache)) {
            assertThat(engine.compile("(?i)union\\s+select").find("1 UNION  SELECT 2")).isTrue();
            assertThat(((HyperscanPattern) engine.compile("^(?:a(?:,|$)){1,3}$")).mode())
                    .isEqualTo(HyperscanEngine.Mode.RE2J_ONLY);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files).anyMatch(f -> f.toString().endsWith(".hsdb")).anyMatch(f -> f.toString().endsWith(".error"))
                .noneMatch(f -> f.toString().endsWith(".part"));
        try (HyperscanEngine warm = new HyperscanEngine(2000, HyperscanEngine.SplitMode.OFF, cache)) {
            HyperscanPattern anchored = (HyperscanPattern) warm.compile("^(?:a(?:,|$)){1,3}$");
            assertThat(anchored.mode()).isEqualTo(HyperscanEngine.Mode.RE2J_ONLY);
            assertThat(anchored.fallbackReason()).containsIgnoringCase("anchor");
            assertThat(warm.compile("(?i)union\\s+select").find("1 UNION  SELECT 2")).isTrue();
        }
        for (Path f : files) {
            if (f.toString().endsWith(".hsdb")) {
                Files.write(f, new byte[]{1, 2, 3});
            }
        }
        try (HyperscanEngine broken = new HyperscanEngine(2000, HyperscanEngine.SplitMode.OFF, cache)) {
            CompiledPattern p = broken.compile("(?i)union\\s+select");
            assertThat(((HyperscanPattern) p).mode()).isEqualTo(HyperscanEngine.Mode.EXACT);
            assertThat(p.find("1 UNION  SELECT 2")).isTrue();
            assertThat(p.find("union")).isFalse();
        }
    }

    @Test
    void aRejectedSplitIsCachedSoItIsNotRetried(@TempDir Path dir) throws Exception {
        // Every piece keeps an embedded end anchor, so the exact, the split and the prefilter compile all fail.
        String pattern = "(?:a$b|c$d)";
        try (HyperscanEngine engine = new HyperscanEngine(2000, HyperscanEngine.SplitMode.SYNC, DatabaseCache.in(dir))) {
            CompiledPattern p = engine.compile(pattern);
            assertThat(((HyperscanPattern) p).mode()).isEqualTo(HyperscanEngine.Mode.RE2J_ONLY);
            assertThat(p.find("xcd")).isFalse();
        }
        String splitKey = DatabaseCache.key(List.of("(?:a\\zb)", "(?:c\\zd)"), HyperscanEngine.FLAGS, "split");
        assertThat(DatabaseCache.in(dir).loadError(splitKey)).containsIgnoringCase("anchor");
    }

    @Test
    void cacheDirectoryWritableByOthersIsNotUsed(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try (HyperscanEngine engine = new HyperscanEngine(2000, HyperscanEngine.SplitMode.OFF, DatabaseCache.in(dir))) {
            assertThat(engine.compile("(?i)union\\s+select").find("1 UNION  SELECT 2")).isTrue();
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list).isEmpty();
        }
    }

    @Test
    void ordinaryPatternsCompileExactly() {
        try (HyperscanEngine engine = new HyperscanEngine()) {
            assertThat(((HyperscanPattern) engine.compile("(?i)union\\s+select")).mode())
                    .isEqualTo(HyperscanEngine.Mode.EXACT);
        }
    }

    @Test
    void threadsKeepScanningCorrectlyWhilePatternsAreAdded() throws Exception {
        try (HyperscanEngine engine = new HyperscanEngine()) {
            CompiledPattern first = engine.compile("(?i)sel[e]ct");
            List<CompiledPattern> added = new CopyOnWriteArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            AtomicBoolean done = new AtomicBoolean();
            List<Thread> scanners = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread thread = new Thread(() -> {
                    while (!done.get()) {
                        if (!first.find("x SELECT y") || first.find("x")) {
                            failures.incrementAndGet();
                        }
                        for (int i = 0; i < added.size(); i++) {
                            if (!added.get(i).find("word" + i + "!") || added.get(i).find("word")) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                });
                scanners.add(thread);
                thread.start();
            }
            for (int i = 0; i < 30; i++) {
                added.add(engine.compile("word" + i + "!$"));
            }
            Thread.sleep(100);
            done.set(true);
            for (Thread thread : scanners) {
                thread.join();
            }
            assertThat(failures.get()).isZero();
        }
    }

    @Test
    void closedEngineRefusesToScan() {
        HyperscanEngine engine = new HyperscanEngine();
        CompiledPattern p = engine.compile("abc");
        assertThat(p.find("abc")).isTrue();
        engine.close();
        engine.close();
        assertThatThrownBy(() -> engine.compile("def")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.find("abc")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void disablePropertyMakesHyperscanUnavailable() {
        String old = System.getProperty(HyperscanAvailability.DISABLE_PROPERTY);
        System.setProperty(HyperscanAvailability.DISABLE_PROPERTY, "true");
        try {
            assertThat(HyperscanAvailability.current().available()).isFalse();
            assertThatThrownBy(HyperscanEngine::new).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(HyperscanAvailability.DISABLE_PROPERTY);
        } finally {
            if (old == null) {
                System.clearProperty(HyperscanAvailability.DISABLE_PROPERTY);
            } else {
                System.setProperty(HyperscanAvailability.DISABLE_PROPERTY, old);
            }
        }
    }
}
