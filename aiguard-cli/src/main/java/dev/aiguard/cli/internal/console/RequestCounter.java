package dev.aiguard.cli.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Principal;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.cli.internal.serve.RequestListener;

import java.time.Instant;

/** Turns each finished exchange into a {@link CompletedRequest} for {@link ConsoleData}. */
public final class RequestCounter implements RequestListener {

    /** Longest model name kept (a client chooses it; the console must stay bounded). */
    static final int MAX_MODEL_CHARS = 100;

    private final ConsoleData data;

    public RequestCounter(ConsoleData data) {
        this.data = data;
    }

    @Override
    public void finished(Exchange exchange, int status, Usage usage) {
        Verdict verdict = exchange.verdict();
        Principal p = exchange.principal();
        String identity = p == null ? "anonymous" : p.subject();
        boolean blocked = verdict != null && verdict.blocked();
        boolean wouldBlock = verdict != null && verdict.wouldBlock();
        data.request(new CompletedRequest(Instant.now(), identity, exchange.request().path(), model(exchange), status,
                blocked, wouldBlock, usage.totalTokens()));
    }

    private static String model(Exchange exchange) {
        JsonNode tree = exchange.request().json().asTree().orElse(null);
        if (tree == null || !tree.path("model").isTextual()) {
            return null;
        }
        String m = tree.path("model").asText();
        return m.length() > MAX_MODEL_CHARS ? m.substring(0, MAX_MODEL_CHARS) : m;
    }
}
