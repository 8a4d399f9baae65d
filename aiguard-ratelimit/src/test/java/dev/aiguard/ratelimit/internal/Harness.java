package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.llm.TokenCounter;
import dev.aiguard.ratelimit.RateLimitConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A guard with a test identity stage (principal from {@code X-User}, tier from {@code X-Tier}, a throttle factor from
 * {@code X-Throttle}), the rate-limit stage,
 * and optionally a stage after it that blocks requests carrying {@code X-Block}.
 */
final class Harness {

    /** One counter for all tests: loading encodings is the slow part of building a stage. */
    static final TokenCounter COUNTER = TokenCounter.create();

    private static final Stage IDENTITY = exchange -> {
        GuardRequest r = exchange.request();
        r.headers().first("X-User").ifPresent(user -> exchange.principal(new Principal(user, "acme", Set.of(),
                r.headers().first("X-Tier").orElse(null), Map.of())));
        // As the behaviour stage does for a caller it wants slowed down.
        r.headers().first("X-Throttle").ifPresent(factor -> exchange.requestThrottle(
                new dev.aiguard.api.Throttle(Double.parseDouble(factor), "identity", "test.throttle")));
        return StageOutcome.pass();
    };

    private static final Stage LATER_BLOCKER = exchange -> exchange.request().headers().contains("X-Block")
            ? StageOutcome.block(dev.aiguard.api.Block.forbidden("test.block", java.util.List.of("t1")),
            java.util.List.of())
            : StageOutcome.pass();

    final RateLimitStage stage;
    final Guard guard;

    Harness(RateLimitStage stage, ConfiguredStage configured) {
        this.stage = stage;
        this.guard = Guard.create(GuardConfig.builder().mode(Mode.ENFORCE)
                .stage("identity", IDENTITY)
                .stage(configured)
                .stage("later", LATER_BLOCKER)
                .build());
    }

    static Harness local(RateLimitConfig config, ManualClock clock) {
        RateLimitStage stage = RateLimitStages.create(config, context(), clock, 1, COUNTER);
        return new Harness(stage, ConfiguredStage.of("ratelimit", stage).withBudget(Duration.ofSeconds(5), false));
    }

    static StageContext context() {
        return new StageContext("ratelimit", Mode.ENFORCE, Map.of(), null);
    }

    /** An OpenAI chat request by {@code user} asking for {@code maxTokens} output tokens. */
    static GuardRequest chat(String user, long maxTokens, String... extraHeaders) {
        String[] headers = new String[extraHeaders.length + 4];
        headers[0] = "X-User";
        headers[1] = user;
        headers[2] = "Content-Type";
        headers[3] = "application/json";
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return GuardRequest.builder().method("POST").uri("/v1/chat/completions").headers(Headers.of(headers))
                .body("{\"model\":\"gpt-4o\",\"max_tokens\":" + maxTokens
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .build();
    }

    Verdict inspect(GuardRequest request) {
        return guard.inspect(request);
    }

    /** Inspects and, when allowed, completes with the given usage. */
    Verdict run(GuardRequest request, Usage usage) {
        Verdict v = guard.inspect(request);
        guard.complete(v.exchange(), ResponseInfo.of(v.allowed() ? 200 : v.httpStatus(), usage));
        return v;
    }

    void complete(Verdict v, Usage usage, ResponseInfo.Outcome outcome) {
        guard.complete(v.exchange(), new ResponseInfo(v.allowed() ? 200 : v.httpStatus(), Headers.empty(), usage,
                outcome));
    }
}
