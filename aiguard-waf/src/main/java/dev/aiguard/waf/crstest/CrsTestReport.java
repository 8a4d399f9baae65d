package dev.aiguard.waf.crstest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Summaries of regression results: a per-rule-file pass table and a failure list. */
public final class CrsTestReport {

    private final List<TestResult> results;

    public CrsTestReport(List<TestResult> results) {
        this.results = List.copyOf(results);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Passed tests over applicable tests (passed + failed); 1.0 when nothing is applicable. */
    public double passRate() {
        long passed = count(Outcome.PASSED);
        long applicable = passed + count(Outcome.FAILED);
        return applicable == 0 ? 1.0 : (double) passed / applicable;
    }

    /** The table: rule file, tests, passed, failed, n/a, pass rate; then a total row. */
    public String table() {
        Map<String, long[]> rows = new TreeMap<>();
        for (TestResult r : results) {
            long[] row = rows.computeIfAbsent(r.ruleFile(), k -> new long[4]);
            row[0]++;
            row[1 + r.outcome().ordinal()]++;
        }
        StringBuilder out = new StringBuilder(String.format("%-46s %6s %6s %6s %6s %8s%n", "rule file", "tests",
                "passed", "failed", "n/a", "rate"));
        long[] total = new long[4];
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] row = e.getValue();
            out.append(line(e.getKey(), row));
            for (int i = 0; i < 4; i++) {
                total[i] += row[i];
            }
        }
        out.append(line("TOTAL", total));
        return out.toString();
    }

    private static String line(String name, long[] row) {
        long applicable = row[1] + row[2];
        double rate = applicable == 0 ? 100.0 : 100.0 * row[1] / applicable;
        return String.format("%-46s %6d %6d %6d %6d %7.2f%%%n", name, row[0], row[1], row[2], row[3], rate);
    }

    /** One line per failed test: name, then what was expected and what fired. */
    public String failures() {
        StringBuilder out = new StringBuilder();
        for (TestResult r : results) {
            if (r.outcome() == Outcome.FAILED) {
                out.append(r.name()).append('\t').append(r.detail()).append('\n');
            }
        }
        return out.toString();
    }

    /** One line per n/a test with its reason. */
    public String notApplicable() {
        StringBuilder out = new StringBuilder();
        for (TestResult r : results) {
            if (r.outcome() == Outcome.NOT_APPLICABLE) {
                out.append(r.name()).append('\t').append(r.detail()).append('\n');
            }
        }
        return out.toString();
    }

    /** Names of tests with the given outcome. */
    public List<String> names(Outcome outcome) {
        List<String> names = new ArrayList<>();
        for (TestResult r : results) {
            if (r.outcome() == outcome) {
                names.add(r.name());
            }
        }
        return names;
    }
}
