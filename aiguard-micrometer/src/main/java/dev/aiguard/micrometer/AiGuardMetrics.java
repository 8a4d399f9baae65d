package dev.aiguard.micrometer;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardObserver;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.micrometer.internal.OwnedGauges;
import dev.aiguard.micrometer.internal.TagLimiter;
import dev.aiguard.micrometer.internal.TenantTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer metrics of a {@link Guard}: requests by verdict, stage and reason; stage and guard latency; findings and
 * blocks by rule; stage failures and policy reloads; tokens reserved, charged and refunded (in total, and for the top
 * tenants); requests in flight; the policy version and each stage's regex engine. Every tag is bounded: stage names
 * come from the policy, rule ids and reasons are capped by {@link MetricsOptions}, tenants appear only as the top N.
 *
 * <p>Use it as an event sink of the policy ({@code type: micrometer}, bound to Micrometer's global registry) or bind
 * it yourself and attach it to the guard:
 * <pre>{@code
 * AiGuardMetrics metrics = new AiGuardMetrics(MetricsOptions.DEFAULTS);
 * metrics.bindTo(registry);
 * Guard guard = Guard.create(config, List.of(metrics));
 * }</pre>
 * Bind it to one registry (a composite one if there are several). Before {@link #bindTo}, measurements are dropped.
 * See {@code docs/observability.md} for the meter names.
 */
public final class AiGuardMetrics implements MeterBinder, EventSink, GuardObserver {

    private static final String VERDICT = "verdict";
    private static final String STAGE = "stage";
    private static final List<String> GAUGES = List.of("aiguard.inflight", "aiguard.policy", "aiguard.stage.info",
            "aiguard.tenant.tokens");

    private final MetricsOptions options;
    private final TagLimiter rules;
    private final TagLimiter reasons;
    private final TenantTokens tenants;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong nextRefresh = new AtomicLong(System.nanoTime());
    private final Object bindLock = new Object();
    private volatile MeterRegistry registry;
    /** Meters registered for this binder's registry, by key. */
    private final ConcurrentHashMap<Object, Meter> meters = new ConcurrentHashMap<>();
    private final Function<Object, Meter> create = this::create;
    private volatile GuardConfig lastConfig;
    private Gauge inFlightGauge;
    private OwnedGauges policyInfo;
    private OwnedGauges stageInfo;
    private OwnedGauges tenantTokens;

    /** Metrics with {@link MetricsOptions#DEFAULTS}. */
    public AiGuardMetrics() {
        this(MetricsOptions.DEFAULTS);
    }

    public AiGuardMetrics(MetricsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.rules = new TagLimiter(options.maxRuleIds());
        this.reasons = new TagLimiter(options.maxReasons());
        this.tenants = new TenantTokens(options.maxTrackedTenants());
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        synchronized (bindLock) {
            // A binder replaced on reload is closed after this one binds: take the gauges over so that its close
            // removes nothing of ours.
            for (String name : GAUGES) {
                OwnedGauges.takeOver(meterRegistry, name);
            }
            inFlightGauge = Gauge.builder("aiguard.inflight", inFlight, AtomicLong::get)
                    .description("Requests admitted by the guard whose response has not completed").register(meterRegistry);
            policyInfo = new OwnedGauges(meterRegistry, "aiguard.policy", "1 for the policy version in force", null);
            stageInfo = new OwnedGauges(meterRegistry, "aiguard.stage.info",
                    "1 per configured stage, with its type, mode and regex engine", null);
            tenantTokens = new OwnedGauges(meterRegistry, "aiguard.tenant.tokens",
                    "Tokens per tenant since start: the top tenants by tokens charged, the rest as other", "tokens");
            meters.clear();
            registry = meterRegistry;
            GuardConfig config = lastConfig;
            if (config != null) {
                describe(config);
            }
        }
        refreshTopTenants();
    }

    @Override
    public void configured(GuardConfig config) {
        lastConfig = config;
        synchronized (bindLock) {
            if (registry != null) {
                describe(config);
            }
        }
    }

    private void describe(GuardConfig config) {
        policyInfo.set(Map.of(Tags.of("version", config.version()), 1.0));
        Map<Tags, Double> rows = new HashMap<>();
        for (ConfiguredStage stage : config.stages()) {
            String mode = (stage.mode() != null ? stage.mode() : config.mode()).name().toLowerCase(Locale.ROOT);
            String engine = stage.stage().describe().getOrDefault("regex.engine", TagLimiter.NONE);
            rows.put(Tags.of(STAGE, stage.name(), "type", stage.type(), "mode", mode, "regex_engine", engine), 1.0);
        }
        stageInfo.set(rows);
    }

    @Override
    public void stageInspected(Exchange exchange, String stage, long nanos, StageOutcome outcome) {
        if (registry == null) {
            return;
        }
        Timer timer = meter(new StageKey(stage, outcome(outcome)));
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static String outcome(StageOutcome outcome) {
        for (Finding f : outcome.findings()) {
            if (Guard.STAGE_ERROR_RULE.equals(f.ruleId()) || Guard.STAGE_OVERRUN_RULE.equals(f.ruleId())) {
                return "error";
            }
        }
        return outcome.block() != null ? "block" : "pass";
    }

    @Override
    public void inspected(Exchange exchange, Verdict verdict, long nanos) {
        if (registry == null) {
            return;
        }
        String v = verdict.blocked() ? "blocked" : verdict.wouldBlock() ? "would_block" : "allowed";
        String blockingStage = verdict.blockingStage() == null ? TagLimiter.NONE : verdict.blockingStage();
        increment(new RequestKey(v, blockingStage, reasons.limit(verdict.reason())), 1);
        Timer timer = meter(new InspectKey(v));
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
        for (Finding f : verdict.findings()) {
            increment(new FindingKey(f.stage(), rules.limit(f.ruleId()), f.severity().name().toLowerCase(Locale.ROOT)),
                    1);
        }
        for (String rule : verdict.ruleIds()) {
            increment(new BlockKey(blockingStage, rules.limit(rule)), 1);
        }
        if (verdict.allowed()) {
            inFlight.incrementAndGet();
        }
    }

    @Override
    public void completed(Exchange exchange, ResponseInfo response) {
        if (exchange.verdict() != null && exchange.verdict().allowed()) {
            inFlight.decrementAndGet();
        }
        if (registry == null) {
            return;
        }
        long reserved = exchange.cost(Exchange.TOKENS_RESERVED);
        long charged = exchange.cost(Exchange.TOKENS_CHARGED);
        long refunded = exchange.cost(Exchange.TOKENS_REFUNDED);
        if (reserved != 0 || charged != 0 || refunded != 0) {
            increment(TokensKey.RESERVED, reserved);
            increment(TokensKey.CHARGED, charged);
            increment(TokensKey.REFUNDED, refunded);
            tenants.add(tenantOf(exchange.principal()), reserved, charged, refunded);
        }
        Usage usage = response.usage();
        if (usage.isKnown()) {
            increment(ModelTokensKey.INPUT, usage.inputTokens());
            increment(ModelTokensKey.OUTPUT, usage.outputTokens());
        }
        maybeRefresh();
    }

    private void increment(Object key, long amount) {
        if (amount > 0) {
            Counter counter = meter(key);
            if (counter != null) {
                counter.increment(amount);
            }
        }
    }

    /**
     * The meter for a key, registered on first use and then held: looking a meter up in the registry builds tags and
     * an id each time, several times the cost of the guard's own allow path. {@code null} when not bound.
     */
    @SuppressWarnings("unchecked")
    private <M extends Meter> M meter(Object key) {
        Meter m = meters.get(key);
        if (m == null) {
            synchronized (bindLock) {
                if (registry == null) {
                    return null;
                }
                m = meters.computeIfAbsent(key, create);
            }
        }
        return (M) m;
    }

    private Meter create(Object key) {
        MeterRegistry r = registry;
        if (key instanceof StageKey k) {
            return Timer.builder("aiguard.stage.duration").description("Time spent in one stage's inspection")
                    .tags(STAGE, k.stage(), "outcome", k.outcome()).register(r);
        }
        if (key instanceof InspectKey k) {
            return Timer.builder("aiguard.inspect.duration")
                    .description("Time spent in the guard before the model is called").tags(VERDICT, k.verdict())
                    .register(r);
        }
        if (key instanceof RequestKey k) {
            return Counter.builder("aiguard.requests").description("Requests inspected, by verdict")
                    .tags(VERDICT, k.verdict(), STAGE, k.stage(), "reason", k.reason()).register(r);
        }
        if (key instanceof FindingKey k) {
            return Counter.builder("aiguard.findings").description("Findings, by stage, rule and severity")
                    .tags(STAGE, k.stage(), "rule", k.rule(), "severity", k.severity()).register(r);
        }
        if (key instanceof BlockKey k) {
            return Counter.builder("aiguard.blocks").description("Rules that caused a block")
                    .tags(STAGE, k.stage(), "rule", k.rule()).register(r);
        }
        if (key instanceof TokensKey k) {
            return Counter.builder("aiguard.tokens").baseUnit("tokens")
                    .description("Tokens reserved from budgets, charged once usage is known, and refunded")
                    .tags("kind", k.tag).register(r);
        }
        if (key instanceof ModelTokensKey k) {
            return Counter.builder("aiguard.model.tokens").baseUnit("tokens")
                    .description("Token usage the model reported").tags("type", k.tag).register(r);
        }
        throw new IllegalArgumentException("unknown meter key " + key);
    }

    /** Meter keys: the tag values of one meter. Every value is bounded (see the class comment). */
    private record StageKey(String stage, String outcome) {
    }

    private record InspectKey(String verdict) {
    }

    private record RequestKey(String verdict, String stage, String reason) {
    }

    private record FindingKey(String stage, String rule, String severity) {
    }

    private record BlockKey(String stage, String rule) {
    }

    private enum TokensKey {
        RESERVED("reserved"), CHARGED("charged"), REFUNDED("refunded");

        final String tag;

        TokensKey(String tag) {
            this.tag = tag;
        }
    }

    private enum ModelTokensKey {
        INPUT("input"), OUTPUT("output");

        final String tag;

        ModelTokensKey(String tag) {
            this.tag = tag;
        }
    }

    /** The tenant a request is billed to: the principal's tenant, else its subject. */
    static String tenantOf(Principal principal) {
        return principal.tenant() != null && !principal.tenant().isEmpty() ? principal.tenant() : principal.subject();
    }

    private void maybeRefresh() {
        long now = System.nanoTime();
        long next = nextRefresh.get();
        if (now - next >= 0 && nextRefresh.compareAndSet(next, now + options.refreshInterval().toNanos())) {
            refreshTopTenants();
        }
    }

    /** Recomputes the top-tenant gauges now (they are otherwise refreshed at most every refresh interval). */
    public void refreshTopTenants() {
        synchronized (bindLock) {
            if (tenantTokens == null) {
                return;
            }
            Map<Tags, Double> rows = new HashMap<>();
            for (TenantTokens.Row row : tenants.top(options.topTenants())) {
                rows.put(Tags.of("tenant", row.tenant(), "kind", "reserved"), (double) row.reserved());
                rows.put(Tags.of("tenant", row.tenant(), "kind", "charged"), (double) row.charged());
                rows.put(Tags.of("tenant", row.tenant(), "kind", "refunded"), (double) row.refunded());
            }
            tenantTokens.set(rows);
        }
    }

    @Override
    public void publish(SecurityEvent event) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        if (event.type() == EventType.STAGE_FAILURE) {
            String kind = Guard.STAGE_OVERRUN_RULE.equals(event.reason()) ? "overrun" : "error";
            String stage = event.blockingStage() == null ? TagLimiter.NONE : event.blockingStage();
            Counter.builder("aiguard.stage.failures").description("Stage errors and budget overruns")
                    .tags(STAGE, stage, "kind", kind).register(r).increment();
        } else if (event.type() == EventType.POLICY_LOADED || event.type() == EventType.POLICY_REJECTED) {
            Counter.builder("aiguard.policy.reloads").description("Policy reloads, applied or rejected")
                    .tags("result", event.type() == EventType.POLICY_LOADED ? "loaded" : "rejected")
                    .register(r).increment();
        } else if (event.type() == EventType.EGRESS_DENIED || event.type() == EventType.EGRESS_WOULD_DENY) {
            Counter.builder("aiguard.egress.denied").description("Outbound connections refused (or would be)")
                    .tags("mode", event.type() == EventType.EGRESS_DENIED ? "enforce" : "monitor")
                    .register(r).increment();
        }
    }

    /**
     * Removes this binder's gauges, unless a newer binder has taken them over (counters and timers stay: other binders
     * on the registry share them).
     */
    @Override
    public void close() {
        synchronized (bindLock) {
            MeterRegistry r = registry;
            if (r == null) {
                return;
            }
            if (r.find("aiguard.inflight").gauge() == inFlightGauge) {
                r.remove(inFlightGauge);
            }
            policyInfo.clear();
            stageInfo.clear();
            tenantTokens.clear();
            meters.clear();
            registry = null;
        }
    }
}
