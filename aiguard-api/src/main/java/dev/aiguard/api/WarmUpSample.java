package dev.aiguard.api;

import java.nio.charset.StandardCharsets;

/**
 * The synthetic request stages warm up on: an OpenAI-style chat completion with a few KB of ordinary prose, the shape
 * most inference traffic has, so the code paths the first real requests take are the ones loaded and compiled.
 */
final class WarmUpSample {

    /** Warm-up calls per stage: the first pays class loading and lazy set-up, the next ones start the JIT. */
    static final int PASSES = 3;

    /** Request id of the samples, so a stage that logs one can be told apart from traffic. */
    static final String REQUEST_ID = "aiguard-warm-up";

    private static final String PROSE = "Summarise the attached quarterly report for the board in five bullet points, "
            + "then list the three main risks, each with one sentence on how the team plans to reduce it. ";

    private static final byte[] BODY = ("{\"model\":\"gpt-4o-mini\",\"stream\":false,\"max_tokens\":256,"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"" + PROSE.repeat(16) + "\"}]}").getBytes(StandardCharsets.UTF_8);

    private WarmUpSample() {
    }

    /** A new sample request (requests are immutable; a fresh one keeps the samples independent of each other). */
    static GuardRequest request() {
        return GuardRequest.builder()
                .method("POST")
                .path("/v1/chat/completions")
                .headers(Headers.of("Host", "localhost", "Content-Type", "application/json",
                        "Accept", "application/json", "User-Agent", "aiguard-warm-up"))
                .requestId(REQUEST_ID)
                .body(BODY.clone())
                .build();
    }
}
