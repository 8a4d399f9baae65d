package dev.aiguard.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a {@code type: ratelimit} stage, bound from the stage's keys in the policy. Missing parts take the
 * documented defaults (see {@code docs/ratelimit.md}).
 *
 * @param backend  where budgets live: {@code local} (default) or {@code redis}
 * @param redis    the Redis connection, required for {@code backend: redis}
 * @param cost     the cost model
 * @param limits   budgets; all that apply to a request are checked all-or-nothing
 * @param inFlight concurrent-request (GPU slot) limits, or {@code null} for none
 * @param caps     per-request caps, or {@code null} for none
 */
public record RateLimitConfig(String backend, Redis redis, Cost cost, List<Limit> limits, InFlight inFlight,
                              Caps caps) {

    /** Backend name of the in-process store. */
    public static final String LOCAL = "local";
    /** Backend name of the Redis store. */
    public static final String REDIS = "redis";

    public RateLimitConfig {
        backend = backend == null ? LOCAL : backend;
        cost = cost == null ? new Cost(null, null, null, null, null) : cost;
        limits = limits == null ? List.of() : List.copyOf(limits);
        inFlight = inFlight == null ? new InFlight(null, null, null) : inFlight;
        caps = caps == null ? new Caps(null, null, null) : caps;
    }

    /**
     * The Redis backend.
     *
     * @param uri       a Lettuce URI, e.g. {@code redis://127.0.0.1:6379}
     * @param timeout   per-command timeout; default 50 ms
     * @param failOpen  when Redis cannot be reached: {@code true} admits without a budget check, {@code false}
     *                  (default) answers 503
     * @param keyPrefix prefix of every bucket key; default {@code aiguard:rl:}
     */
    public record Redis(String uri, Duration timeout, Boolean failOpen, String keyPrefix) {
        public Redis {
            timeout = timeout == null ? Duration.ofMillis(50) : timeout;
            failOpen = failOpen != null && failOpen;
            keyPrefix = keyPrefix == null ? "aiguard:rl:" : keyPrefix;
        }
    }

    /**
     * The cost model: {@code cost = ceil((input * price.input + output * price.output) * routeWeight)} in cost units,
     * where output is the requested max output tokens (or {@code defaultOutputTokens}), capped by
     * {@code maxOutputTokens}, times the number of choices.
     *
     * @param defaultOutputTokens output reserved when the request names no limit; default 512
     * @param maxOutputTokens     most output tokens one request reserves; default 4096
     * @param defaultPrice        price of models not in {@code models}; default 1 unit per token both ways
     * @param models              price per model name (exact match, or a prefix ending in {@code *})
     * @param routes              weight per path prefix (longest prefix wins); default 1
     */
    public record Cost(Long defaultOutputTokens, Long maxOutputTokens, Price defaultPrice, Map<String, Price> models,
                       Map<String, Double> routes) {
        public Cost {
            defaultOutputTokens = defaultOutputTokens == null ? 512L : defaultOutputTokens;
            maxOutputTokens = maxOutputTokens == null ? 4096L : maxOutputTokens;
            defaultPrice = defaultPrice == null ? new Price(null, null) : defaultPrice;
            models = models == null ? Map.of() : Map.copyOf(models);
            routes = routes == null ? Map.of() : Map.copyOf(routes);
        }
    }

    /**
     * Cost units per token.
     *
     * @param input  per input token; default 1
     * @param output per output token; default 1
     */
    public record Price(Double input, Double output) {
        public Price {
            input = input == null ? 1.0 : input;
            output = output == null ? 1.0 : output;
        }
    }

    /**
     * One budget.
     *
     * @param name       id used in rule ids ({@code ratelimit.<name>}), headers and keys
     * @param key        dimensions that key the budget: {@code principal}, {@code tenant}, {@code tier},
     *                   {@code route}, {@code model}, {@code ip}, {@code header:<Name>}; empty means one global budget
     * @param unit       {@code tokens} (default), {@code requests} or {@code cost}
     * @param bandwidths the budget's bandwidths (e.g. burst, minute, day)
     * @param tiers      bandwidths per principal tier, replacing {@code bandwidths} for that tier
     */
    public record Limit(String name, List<String> key, String unit, List<Band> bandwidths,
                        Map<String, List<Band>> tiers) {
        public Limit {
            key = key == null ? List.of() : List.copyOf(key);
            unit = unit == null ? "tokens" : unit;
            bandwidths = bandwidths == null ? List.of() : List.copyOf(bandwidths);
            tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
        }
    }

    /**
     * One bandwidth: {@code capacity} units, refilled greedily over {@code period}.
     *
     * @param name     label in the {@code RateLimit} headers; default the period, e.g. {@code 60s}
     * @param capacity most units held
     * @param period   time to refill from empty to full
     */
    public record Band(String name, Long capacity, Duration period) {
    }

    /**
     * In-flight limits (GPU slots), held from admission to completion.
     *
     * @param perKey requests in flight per key, or {@code null} for no per-key limit
     * @param key    dimensions that key {@code perKey}; default {@code [principal]}
     * @param global requests in flight in total, or {@code null} for no global limit
     */
    public record InFlight(Integer perKey, List<String> key, Integer global) {
        public InFlight {
            key = key == null || key.isEmpty() ? List.of("principal") : List.copyOf(key);
        }
    }

    /**
     * Per-request caps.
     *
     * @param maxOutputTokens requests asking for more output tokens are rejected (400)
     * @param maxPromptTokens requests whose estimated prompt is larger are rejected (413)
     * @param maxBodyBytes    requests with a larger body are rejected (413)
     */
    public record Caps(Long maxOutputTokens, Long maxPromptTokens, Long maxBodyBytes) {
    }
}
