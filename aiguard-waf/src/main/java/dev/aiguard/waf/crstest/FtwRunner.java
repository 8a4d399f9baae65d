package dev.aiguard.waf.crstest;

import dev.aiguard.waf.SecLangEngine;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.WafResponse;
import dev.aiguard.waf.WafResult;
import dev.aiguard.waf.WafTransaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Runs go-ftw regression tests in-process against a {@link SecLangEngine}: builds each stage's request as
 * go-ftw would send it, parses it as the web server would, runs phases 1-5 (with the albedo backend's response
 * for phases 3-4) and judges the stage's log expectations against the WAF's ModSecurity-format log lines.
 * Expectations that only the web server can meet (a 400 for a malformed request line, a connection error) are
 * reported as not applicable, with the reason.
 */
public final class FtwRunner {

    private static final Pattern ID = Pattern.compile("\\[id \"(\\d+)\"\\]");
    /** What CI's client address looks like from inside the container: not localhost. */
    private static final String CLIENT_ADDR = "172.18.0.1";

    private final SecLangEngine engine;
    private final AlbedoBackend backend = new AlbedoBackend();

    public FtwRunner(SecLangEngine engine) {
        this.engine = engine;
    }

    /** Runs all tests, one after the other; results are in test order. */
    public List<TestResult> runAll(List<FtwTest> tests) {
        return runAll(tests, 1);
    }

    /**
     * Runs all tests on {@code threads} threads (tests are independent and the engine is thread-safe); results
     * are in test order.
     */
    public List<TestResult> runAll(List<FtwTest> tests, int threads) {
        if (threads <= 1 || tests.size() < 2) {
            List<TestResult> results = new ArrayList<>(tests.size());
            for (FtwTest test : tests) {
                results.add(run(test));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "crs-test");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TestResult>> futures = new ArrayList<>(tests.size());
            for (FtwTest test : tests) {
                futures.add(pool.submit(() -> run(test)));
            }
            List<TestResult> results = new ArrayList<>(tests.size());
            for (Future<TestResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running regression tests", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("regression test crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one test: every stage must pass; stages that cannot be judged in-process are skipped. */
    public TestResult run(FtwTest test) {
        List<String> notApplicable = new ArrayList<>();
        List<Integer> fired = List.of();
        int judged = 0;
        for (FtwStage stage : test.stages()) {
            StageResult r = runStage(stage);
            fired = r.fired();
            if (r.outcome() == Outcome.FAILED) {
                return new TestResult(test.name(), test.ruleFile(), Outcome.FAILED, r.detail(), fired);
            }
            if (r.outcome() == Outcome.NOT_APPLICABLE) {
                notApplicable.add(r.detail());
            } else {
                judged++;
            }
        }
        if (judged == 0 && !notApplicable.isEmpty()) {
            return new TestResult(test.name(), test.ruleFile(), Outcome.NOT_APPLICABLE,
                    String.join("; ", notApplicable), fired);
        }
        return new TestResult(test.name(), test.ruleFile(), Outcome.PASSED, "", fired);
    }

    private record StageResult(Outcome outcome, String detail, List<Integer> fired) {
    }

    private StageResult runStage(FtwStage stage) {
        FtwOutput out = stage.output();
        if (out.expectError()) {
            return new StageResult(Outcome.NOT_APPLICABLE,
                    "expects the web server to fail the connection (HTTP parser behaviour)", List.of());
        }
        if (!out.checksLog()) {
            if (out.status() == null || out.status() == 200) {
                return new StageResult(Outcome.PASSED, "", List.of());
            }
            return new StageResult(Outcome.NOT_APPLICABLE, "expects status " + out.status()
                    + " from the web server's own request handling, not from the WAF (DetectionOnly)", List.of());
        }
        List<String> log = execute(stage.input());
        String text = String.join("\n", log);
        List<Integer> fired = firedIds(log);
        List<String> problems = new ArrayList<>();
        List<Integer> missing = out.expectIds().stream().filter(id -> !fired.contains(id)).toList();
        List<Integer> unexpected = out.noExpectIds().stream().filter(fired::contains).toList();
        if (!missing.isEmpty()) {
            problems.add("expected ids " + missing + " did not fire");
        }
        if (!unexpected.isEmpty()) {
            problems.add("ids " + unexpected + " fired but must not");
        }
        if (out.matchRegex() != null && !find(out.matchRegex(), text)) {
            problems.add("log does not match /" + out.matchRegex() + "/");
        }
        if (out.noMatchRegex() != null && find(out.noMatchRegex(), text)) {
            problems.add("log matches /" + out.noMatchRegex() + "/ but must not");
        }
        if (problems.isEmpty()) {
            return new StageResult(Outcome.PASSED, "", fired);
        }
        return new StageResult(Outcome.FAILED, String.join("; ", problems) + "; fired: " + fired, fired);
    }

    /** Sends one stage's request through the WAF and returns the log lines. */
    private List<String> execute(FtwInput input) {
        byte[] raw = FtwRequestBuilder.build(input);
        ParsedRequest parsed = RawHttpParser.parse(raw, CLIENT_ADDR, input.port());
        if (parsed.rejectedReason() != null) {
            return List.of();
        }
        WafRequest request = parsed.request();
        WafTransaction tx = engine.newTransaction(request);
        WafResult result = tx.processRequest();
        if (result.interruption().isEmpty()) {
            WafResponse response = backend.respond(request);
            tx.processResponse(response);
        }
        return tx.finish().logLines();
    }

    private static List<Integer> firedIds(List<String> log) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String line : log) {
            Matcher m = ID.matcher(line);
            while (m.find()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
        }
        return List.copyOf(ids);
    }

    private static boolean find(String regex, String text) {
        try {
            return Pattern.compile(regex).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
