package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Usage;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.TokenCounter;
import dev.aiguard.ratelimit.RateLimitConfig;

import java.util.Map;

/** Turns a request (at admission) or reported usage (at completion) into tokens and cost units. */
public final class CostModel {

    private final RateLimitConfig.Cost config;
    private final TokenCounter counter;

    public CostModel(RateLimitConfig.Cost config, TokenCounter counter) {
        this.config = config;
        this.counter = counter;
    }

    /** The reservation for a request: estimated prompt tokens plus the output it may produce (capped). */
    public CostEstimate estimate(LlmRequest request, String path) {
        long input = request.isLlm() ? counter.estimate(request) : 0;
        long output = request.isLlm() ? reservedOutput(request) : 0;
        return new CostEstimate(input, output, cost(request.model(), path, input, output));
    }

    /** Output tokens reserved: requested (or default) max tokens, capped, times the number of choices. */
    public long reservedOutput(LlmRequest request) {
        long asked = request.maxOutputTokens() > 0 ? request.maxOutputTokens() : config.defaultOutputTokens();
        long perChoice = Math.min(asked, config.maxOutputTokens());
        return perChoice * Math.max(1, request.n());
    }

    /**
     * The actual charge once the exchange is over. Unreported parts fall back to the estimate: the reserved output
     * when the response completed, none when it failed (the model stopped early or never ran).
     */
    public CostEstimate actual(CostEstimate reserved, Usage usage, boolean completed, String model, String path) {
        long input = usage.inputTokens() >= 0 ? usage.inputTokens() : reserved.inputTokens();
        long output = usage.outputTokens() >= 0 ? usage.outputTokens() : completed ? reserved.outputTokens() : 0;
        return new CostEstimate(input, output, cost(model, path, input, output));
    }

    long cost(String model, String path, long input, long output) {
        RateLimitConfig.Price price = price(model);
        double units = (input * price.input() + output * price.output()) * routeWeight(path);
        return (long) Math.ceil(units);
    }

    private RateLimitConfig.Price price(String model) {
        RateLimitConfig.Price exact = config.models().get(model);
        if (exact != null) {
            return exact;
        }
        RateLimitConfig.Price best = config.defaultPrice();
        int bestLength = -1;
        for (Map.Entry<String, RateLimitConfig.Price> e : config.models().entrySet()) {
            String k = e.getKey();
            if (k.endsWith("*") && model.startsWith(k.substring(0, k.length() - 1)) && k.length() > bestLength) {
                best = e.getValue();
                bestLength = k.length();
            }
        }
        return best;
    }

    private double routeWeight(String path) {
        double weight = 1.0;
        int bestLength = -1;
        for (Map.Entry<String, Double> e : config.routes().entrySet()) {
            if (path.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                weight = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return weight;
    }
}
