package dev.aiguard.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential check of the {@code crs} stage against libmodsecurity 3.0.9 (the {@code *.modsec-pl1.jsonl} answers
 * in {@code ../shared/bench}): {@code aiguard replay --compare} on the bench files, with the reference's setup (CRS
 * v4.28, paranoia level 1, prompt fields not scoped), on RE2/J. The floors are ratchets at the measured agreement:
 * raise them when a fix raises agreement, never lower them to make a change pass.
 *
 * <p>The default build replays every {@code aiguard.bench.diff.sample}-th request of each file (default 5: a fixed,
 * deterministic subset, about 6,800 requests); {@code -Pfull-diff} (sample 1) replays all 34,078. Per-request
 * differences are written to {@code target/bench-diff-<file>.txt}.
 */
class ReferenceAgreementTest {

    /**
     * Differences known and documented in docs/crs-failures.md ("Differential check against libmodsecurity"):
     * libmodsecurity compiles every regex with PCRE_MULTILINE, ModSecurity v2 and AIGuard do not (942360, 942540,
     * 932340, 931120 fire only there); the reference stops at a NUL byte its XSS transformation chain produces
     * (941110-941210 fire only here); its {@code @pmFromFile} misses phrases that are in the value (930120); its
     * REQUEST_URI is percent-decoded (920260).
     */
    private static final String JUSTIFIED =
            "942360,942540,932340,931120,941110,941120,941160,941170,941180,941210,930120,920260";

    private static final Pattern SUMMARY = Pattern.compile(
            "compare: requests=(\\d+) agree=(\\d+) agreement=([0-9.]+)% justified=(\\d+) with_justified=([0-9.]+)%");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file,            raw floor, floor with the justified differences
            // measured 2026-11-23 (full set | every 5th): raw 92.96 | 93.20 %, justified 100 | 100 %
            "llm-workload,      0.929,     0.999",
            // raw 97.95 | 98.04 %, justified 99.35 | 99.32 %
            "chat-benign-dev,   0.979,     0.993",
            // raw 98.76 | 98.45 %, justified 99.48 | 98.97 %
            "chat-attack-dev,   0.984,     0.989",
            // raw 96.76 | 96.82 %, justified 97.16 | 97.07 % (the rest: AIGuard's detectors against libinjection)
            "web-attack-dev,    0.967,     0.970",
            // raw 99.94 | 99.96 %
            "web-benign-dev,    0.999,     0.999",
    })
    void firedCrsRulesAgreeWithLibmodsecurity(String file, double rawFloor, double justifiedFloor) throws IOException {
        Path bench = benchDir();
        int sample = Integer.getInteger("aiguard.bench.diff.sample", 5);
        Path requests = sample(bench.resolve(file + ".jsonl"), sample);
        Path details = Path.of("target", "bench-diff-" + file + ".txt");
        Files.createDirectories(details.getParent());

        CliRun run = CliRun.of("replay", "--policy", policy().toString(), "--requests", requests.toString(),
                "--out", tmp.resolve("out.jsonl").toString(), "--threads", "2",
                "--compare", bench.resolve(file + ".modsec-pl1.jsonl").toString(),
                "--compare-stage", "crs", "--compare-details", details.toString(), "--justified", JUSTIFIED);

        System.out.println(file + " (every " + sample + ". request):\n" + run.out());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = SUMMARY.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        long compared = Long.parseLong(m.group(1));
        assertThat(compared).as("requests compared").isGreaterThanOrEqualTo(lines(bench.resolve(file + ".jsonl")) / sample);
        double raw = Long.parseLong(m.group(2)) / (double) compared;
        double withJustified = (Long.parseLong(m.group(2)) + Long.parseLong(m.group(4))) / (double) compared;
        assertThat(raw).as("share of requests with the same fired CRS rules as libmodsecurity").isGreaterThanOrEqualTo(rawFloor);
        assertThat(withJustified).as("same share, counting the documented differences (" + JUSTIFIED + ") as agreeing")
                .isGreaterThanOrEqualTo(justifiedFloor);
    }

    private Path policy() throws IOException {
        return Files.writeString(tmp.resolve("crs-pl1.yaml"), """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: crs
                    budget: 10m
                    directory: %s
                    paranoiaLevel: 1
                    engine: re2j
                    prompts:
                      enabled: false
                """.formatted(crsDir().toAbsolutePath()));
    }

    /** Every {@code n}-th line of {@code file} (the first, the n+1-th, ...). */
    private Path sample(Path file, int n) throws IOException {
        if (n <= 1) {
            return file;
        }
        Path out = tmp.resolve("sample-" + file.getFileName());
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            long i = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (i++ % n == 0) {
                    w.write(line);
                    w.write('\n');
                }
            }
        }
        return out;
    }

    private static long lines(Path file) throws IOException {
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            return stream.filter(l -> !l.isBlank()).count();
        }
    }

    private static Path crsDir() {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                "OWASP CRS not found: put it in ../shared/crs or set -Daiguard.crs.dir");
        return Path.of(dir);
    }

    private static Path benchDir() {
        String shared = System.getProperty("aiguard.shared.dir");
        Path bench = shared == null ? null : Path.of(shared, "bench");
        Assumptions.assumeTrue(bench != null && Files.isRegularFile(bench.resolve("llm-workload.modsec-pl1.jsonl")),
                "../shared/bench with the libmodsecurity answers not found (set -Daiguard.shared.dir)");
        return bench;
    }
}
