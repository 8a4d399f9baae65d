package dev.aiguard.api;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test stage whose inspect and complete do what the test says, recording each call in a shared log. */
final class ScriptedStage implements Stage {

    /** What inspect does. */
    @FunctionalInterface
    interface Behaviour {
        StageOutcome inspect(Exchange exchange) throws Exception;
    }

    /** What complete does. */
    @FunctionalInterface
    interface Completion {
        void complete(Exchange exchange, ResponseInfo response) throws Exception;
    }

    private final String name;
    private final List<String> log;
    private final Behaviour behaviour;
    private final Completion completion;
    final AtomicInteger completions = new AtomicInteger();

    ScriptedStage(String name, List<String> log, Behaviour behaviour, Completion completion) {
        this.name = name;
        this.log = log;
        this.behaviour = behaviour;
        this.completion = completion;
    }

    /** A stage that passes with no findings. */
    static ScriptedStage passing(String name, List<String> log) {
        return new ScriptedStage(name, log, e -> StageOutcome.pass(), (e, r) -> { });
    }

    /** A stage that returns {@code outcome}. */
    static ScriptedStage returning(String name, List<String> log, StageOutcome outcome) {
        return new ScriptedStage(name, log, e -> outcome, (e, r) -> { });
    }

    /** A stage whose inspect throws {@code error}. */
    static ScriptedStage throwing(String name, List<String> log, Throwable error) {
        return new ScriptedStage(name, log, e -> {
            throw sneaky(error);
        }, (e, r) -> { });
    }

    /** A stage that sleeps, then returns {@code outcome}. */
    static ScriptedStage sleeping(String name, List<String> log, long millis, StageOutcome outcome) {
        return new ScriptedStage(name, log, e -> {
            Thread.sleep(millis);
            return outcome;
        }, (e, r) -> { });
    }

    /** This stage with another complete behaviour. */
    ScriptedStage completing(Completion newCompletion) {
        return new ScriptedStage(name, log, behaviour, newCompletion);
    }

    @Override
    public StageOutcome inspect(Exchange exchange) throws Exception {
        log.add("inspect:" + name);
        return behaviour.inspect(exchange);
    }

    @Override
    public void complete(Exchange exchange, ResponseInfo response) throws Exception {
        log.add("complete:" + name);
        completions.incrementAndGet();
        completion.complete(exchange, response);
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** A finding of this stage's rule. */
    static Finding finding(String stage, String ruleId, Severity severity) {
        return new Finding(stage, ruleId, severity, "rule " + ruleId + " matched", "ARGS:q", "", 5, List.of());
    }
}
