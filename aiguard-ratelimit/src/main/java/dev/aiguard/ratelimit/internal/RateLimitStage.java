package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.RequestView;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Throttle;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.ratelimit.RateLimitConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code ratelimit} stage. {@link #inspect} checks caps, takes an in-flight slot and reserves the estimated cost
 * in every applicable budget (all or nothing); {@link #complete} refunds or charges the difference to the reported
 * usage and returns the slot, on every exit path.
 */
public final class RateLimitStage implements Stage, AutoCloseable {

    /** The exchange attribute carrying the reservation from inspect to complete. */
    public static final Exchange.AttributeKey<Reservation> RESERVATION =
            new Exchange.AttributeKey<>("ratelimit.reservation", Reservation.class);

    /** Cost figure: cost units reserved at admission. */
    public static final String COST_RESERVED = "cost.reserved";
    /** Rule id of the finding that says this exchange was charged more at another stage's request. */
    public static final String THROTTLED_RULE = "ratelimit.throttled";

    /** Cost figure: cost units charged once the usage is known. */
    public static final String COST_CHARGED = "cost.charged";

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitStage.class);
    private static final Duration SLOT_RETRY = Duration.ofSeconds(1);

    private final String name;
    private final RateLimitConfig config;
    private final CostModel costModel;
    private final List<CompiledLimit> limits;
    private final BucketStore store;
    private final InFlightSlots slots;
    private final long configVersion;
    private final boolean failOpen;
    private final RequestView<LlmRequest> view;
    private final AtomicLong lastOutageLog = new AtomicLong(System.nanoTime() - 2_000_000_000L);

    public RateLimitStage(String name, RateLimitConfig config, CostModel costModel, BucketStore store,
                          long configVersion) {
        this.name = name;
        this.config = config;
        this.costModel = costModel;
        this.store = store;
        this.configVersion = configVersion;
        this.limits = config.limits().stream().map(CompiledLimit::of).toList();
        RateLimitConfig.InFlight f = config.inFlight();
        this.slots = new InFlightSlots(f.perKey() == null ? 0 : f.perKey(), f.global() == null ? 0 : f.global());
        this.failOpen = config.redis() != null && config.redis().failOpen();
        this.view = LlmPayloads.VIEW;
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        GuardRequest request = exchange.request();
        LlmRequest llm = request.view(view);
        StageOutcome capped = checkCaps(request, llm);
        if (capped != null) {
            return capped;
        }
        CostEstimate estimate = costModel.estimate(llm, request.path());
        if (overCap(config.caps().maxPromptTokens(), estimate.inputTokens())) {
            return block(Block.payloadTooLarge("cap.max_prompt_tokens"), "ratelimit.cap.max_prompt_tokens",
                    "estimated prompt tokens " + estimate.inputTokens() + " above cap");
        }
        String slotKey = KeyResolver.key("inflight", config.inFlight().key(), exchange, llm);
        InFlightSlots.Refusal refusal = slots.acquire(slotKey);
        if (refusal != InFlightSlots.Refusal.NONE) {
            String rule = refusal == InFlightSlots.Refusal.GLOBAL ? "ratelimit.inflight.global" : "ratelimit.inflight.key";
            return block(Block.tooManyRequests("inflight", List.of(rule), SLOT_RETRY), rule, "no in-flight slot");
        }
        // A stage before this one (behaviour) may ask for this caller to be charged more: see Throttle.
        Throttle throttle = exchange.applyThrottle().orElse(null);
        List<Charge> charges = new ArrayList<>(limits.size());
        StageOutcome refused;
        try {
            refused = reserve(exchange, llm, estimate, throttle, charges);
        } catch (RuntimeException e) {
            if (!store.isRemote()) {
                // A bug, not an outage: give everything back, then let the guard report it.
                refundAll(charges);
                slots.release(slotKey);
                throw e;
            }
            refused = backendDown(charges, e);
        }
        if (refused != null) {
            slots.release(slotKey);
            return throttle == null ? refused : StageOutcome.block(refused.block(),
                    List.of(refused.findings().get(0), throttled(throttle)));
        }
        exchange.attribute(RESERVATION, new Reservation(estimate, llm.model(), request.path(), charges, slotKey,
                new AtomicBoolean(), throttle));
        // Cost figures for events, metrics and flow logs: what this request holds until complete settles it.
        exchange.addCost(Exchange.TOKENS_RESERVED, estimate.totalTokens());
        exchange.addCost(COST_RESERVED, throttle == null ? estimate.cost() : throttle.scale(estimate.cost()));
        return throttle == null ? StageOutcome.pass() : StageOutcome.pass(List.of(throttled(throttle)));
    }

    private Finding throttled(Throttle throttle) {
        return new Finding(name, THROTTLED_RULE, Severity.LOW, "charged x" + throttle.costFactor() + " ("
                + throttle.reason() + " from stage '" + throttle.stage() + "')", "identity", "", 0,
                List.of("ratelimit", "throttle"));
    }

    private StageOutcome checkCaps(GuardRequest request, LlmRequest llm) {
        RateLimitConfig.Caps caps = config.caps();
        long bodySize = Math.max(request.body().length, request.declaredBodyLength());
        if (overCap(caps.maxBodyBytes(), bodySize) || (caps.maxBodyBytes() != null && request.bodyTruncated())) {
            return block(Block.payloadTooLarge("cap.max_body_bytes"), "ratelimit.cap.max_body_bytes",
                    "body of " + bodySize + " bytes above cap");
        }
        if (overCap(caps.maxOutputTokens(), llm.maxOutputTokens())) {
            return block(Block.badRequest("cap.max_output_tokens", List.of("ratelimit.cap.max_output_tokens")),
                    "ratelimit.cap.max_output_tokens", "max output tokens " + llm.maxOutputTokens() + " above cap");
        }
        return null;
    }

    private static boolean overCap(Long cap, long value) {
        return cap != null && value > cap;
    }

    /** Takes the estimate from every budget; on the first refusal gives back what was taken and returns the block. */
    private StageOutcome reserve(Exchange exchange, LlmRequest llm, CostEstimate estimate, Throttle throttle,
                                 List<Charge> charges) {
        String tier = exchange.principal().tier();
        for (CompiledLimit limit : limits) {
            long amount = limit.unit().amount(estimate);
            if (throttle != null) {
                amount = throttle.scale(amount);
            }
            if (amount <= 0) {
                continue;
            }
            BucketConfiguration bucketConfig = limit.configurationFor(tier);
            String key = KeyResolver.key(limit.tiered() ? limit.name() + "@" + tier : limit.name(),
                    limit.dimensions(), exchange, llm);
            Bucket bucket = store.bucket(key, bucketConfig, configVersion);
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(amount);
            if (!probe.isConsumed()) {
                refundAll(charges);
                return refusedBy(limit, bucketConfig, probe, amount);
            }
            charges.add(new Charge(limit, bucket, amount));
        }
        return null;
    }

    private StageOutcome refusedBy(CompiledLimit limit, BucketConfiguration bucketConfig, ConsumptionProbe probe,
                                   long amount) {
        Duration retryAfter = RateLimitHeaders.retryAfter(probe.getNanosToWaitForRefill());
        String rule = "ratelimit." + limit.name();
        Block base = Block.tooManyRequests("budget." + limit.unit().label(), List.of(rule), retryAfter);
        Block withHeaders = new Block(base.httpStatus(), base.grpcStatus(), base.reason(), base.ruleIds(), retryAfter,
                RateLimitHeaders.of(limit.policies().get(bucketConfig), limit.name(), probe.getRemainingTokens(),
                        retryAfter));
        return block(withHeaders, rule, "budget " + limit.name() + " cannot cover " + amount + " "
                + limit.unit().label());
    }

    private StageOutcome backendDown(List<Charge> charges, RuntimeException e) {
        logOutage(e);
        try {
            refundAll(charges);
        } catch (RuntimeException again) {
            LOG.debug("could not return partial reservation", again);
        }
        charges.clear();
        if (failOpen) {
            return null;
        }
        return block(Block.unavailable("ratelimit.backend_unavailable"), "ratelimit.backend_unavailable",
                "budget backend unreachable");
    }

    /** Warns at most once a second: an outage at full traffic must not flood the log. */
    private void logOutage(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastOutageLog.get();
        if (now - last > 1_000_000_000L && lastOutageLog.compareAndSet(last, now)) {
            LOG.warn("rate-limit backend unavailable ({}): failing {}", e.toString(), failOpen ? "open" : "closed");
        }
    }

    private StageOutcome block(Block block, String rule, String message) {
        Finding finding = Finding.of(name, rule, Severity.MEDIUM, message);
        return StageOutcome.block(block, List.of(finding));
    }

    private static void refundAll(List<Charge> charges) {
        for (Charge c : charges) {
            c.bucket().addTokens(c.reserved());
        }
    }

    @Override
    public void complete(Exchange exchange, ResponseInfo response) {
        Reservation r = exchange.attribute(RESERVATION);
        if (r == null || !r.settled().compareAndSet(false, true)) {
            return;
        }
        try {
            reconcile(exchange, response, r);
        } finally {
            if (r.slotKey() != null) {
                slots.release(r.slotKey());
            }
        }
    }

    private void reconcile(Exchange exchange, ResponseInfo response, Reservation r) {
        boolean blocked = exchange.verdict() != null && exchange.verdict().blocked();
        CostEstimate actual = blocked ? new CostEstimate(0, 0, 0)
                : costModel.actual(r.estimate(), response.usage(),
                response.outcome() == ResponseInfo.Outcome.COMPLETED, r.model(), r.path());
        exchange.addCost(Exchange.TOKENS_CHARGED, actual.totalTokens());
        exchange.addCost(Exchange.TOKENS_REFUNDED, Math.max(0, r.estimate().totalTokens() - actual.totalTokens()));
        exchange.addCost(COST_CHARGED, r.throttle() == null || blocked ? actual.cost() : r.throttle().scale(actual.cost()));
        for (Charge c : r.charges()) {
            // A request budget keeps its one unit either way: a blocked request is still a request.
            long used = c.limit().unit().amount(actual);
            if (r.throttle() != null && !blocked) {
                used = r.throttle().scale(used);
            }
            long diff = used - c.reserved();
            try {
                if (diff < 0) {
                    c.bucket().addTokens(-diff);
                } else if (diff > 0) {
                    c.bucket().consumeIgnoringRateLimits(diff);
                }
            } catch (RuntimeException e) {
                // The backend went away after admission: the reservation stands as charged.
                LOG.warn("could not reconcile budget {}: {}", c.limit().name(), e.toString());
            }
        }
    }

    /** In-flight counters (for tests and metrics). */
    public InFlightSlots slots() {
        return slots;
    }

    @Override
    public void close() {
        store.close();
    }
}
