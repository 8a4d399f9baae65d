package dev.aiguard.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Guard#update} swaps the whole configuration at once; a request runs start to end on one configuration. */
class GuardUpdateTest {

    private static final Exchange.AttributeKey<String> SEEN = new Exchange.AttributeKey<>("seen", String.class);

    /** A stage of one policy version: its finding names the version, its complete checks it ran on the same one. */
    private static Stage versioned(String version, String stage, ConcurrentLinkedQueue<String> problems) {
        return new Stage() {
            @Override
            public StageOutcome inspect(Exchange exchange) {
                String seen = exchange.attribute(SEEN);
                if (seen != null && !seen.equals(version)) {
                    problems.add("mixed: " + seen + " then " + version);
                }
                exchange.attribute(SEEN, version);
                return StageOutcome.pass(List.of(Finding.of(stage, "v" + version, Severity.INFO, "")));
            }

            @Override
            public void complete(Exchange exchange, ResponseInfo response) {
                if (!version.equals(exchange.attribute(SEEN))) {
                    problems.add("complete on " + version + " after inspect on " + exchange.attribute(SEEN));
                }
            }
        };
    }

    private static GuardConfig config(int version, ConcurrentLinkedQueue<String> problems) {
        String v = Integer.toString(version);
        return GuardConfig.builder().version(v)
                .stage("a", versioned(v, "a", problems))
                .stage("b", versioned(v, "b", problems))
                .stage("c", versioned(v, "c", problems))
                .build();
    }

    @Test
    void concurrentRequestsNeverSeeAMixedConfigurationAcrossUpdates() throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Guard guard = Guard.create(config(0, problems));
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Verdict verdict = guard.inspect(GuardRequest.builder().build());
                        String version = verdict.exchange().policyVersion();
                        for (Finding f : verdict.findings()) {
                            if (!f.ruleId().equals("v" + version)) {
                                problems.add("finding " + f.ruleId() + " under policy " + version);
                            }
                        }
                        if (verdict.findings().size() != 3) {
                            problems.add("expected 3 findings, got " + verdict.findings().size());
                        }
                        guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        Thread updater = new Thread(() -> {
            int version = 1;
            while (running.get() && version <= 200) {
                guard.update(config(version++, problems));
                Thread.yield();
            }
        });
        start.countDown();
        updater.start();
        for (Thread worker : workers) {
            worker.join();
        }
        running.set(false);
        updater.join();

        assertThat(errors).isEmpty();
        assertThat(problems).isEmpty();
        assertThat(Integer.parseInt(guard.policyVersion())).isPositive();
    }

    @Test
    void requestStartedBeforeAnUpdateCompletesOnItsOwnConfiguration() {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Guard guard = Guard.create(config(1, problems));
        Verdict before = guard.inspect(GuardRequest.builder().build());

        guard.update(config(2, problems));
        guard.complete(before.exchange(), ResponseInfo.of(200, Usage.unknown()));
        Verdict after = guard.inspect(GuardRequest.builder().build());

        assertThat(problems).isEmpty();
        assertThat(before.exchange().policyVersion()).isEqualTo("1");
        assertThat(after.exchange().policyVersion()).isEqualTo("2");
        assertThat(after.findings()).extracting(Finding::ruleId).containsOnly("v2");
    }
}
