package dev.aiguard.output.internal.behaviour;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Throttle;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.PromptSegment;
import dev.aiguard.llm.SegmentSource;
import dev.aiguard.output.BehaviourStageConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code type: behaviour}: scores each request against its identity's recent behaviour (near-duplicate bursts,
 * one-word enumeration, extraction attempts, refused share, prompt-size outliers) and flags, throttles or blocks
 * (403) from configured thresholds. A throttle asks the rate-limit stage (through {@link Exchange#requestThrottle}) to
 * charge the request {@code throttleFactor} times, or, with {@code throttleAction: refuse}, answers 429 itself. When a
 * throttle it asked for is never applied (no rate-limit stage after this one), it says so once in the log and refuses
 * throttled requests itself from then on, rather than let them through unslowed. The identity is the principal's subject (tenant-qualified), else the client
 * address. Outcomes are learnt in {@link #complete}: a refused request or one with injection or leak findings counts
 * against the identity in its later requests.
 */
public final class BehaviourStage implements Stage {

    static final String RULE = "behaviour.abuse";
    private static final Logger LOG = LoggerFactory.getLogger(BehaviourStage.class);
    private static final Exchange.AttributeKey<Recorded> RECORDED = new Exchange.AttributeKey<>("behaviour", Recorded.class);

    private final String name;
    private final BehaviourStageConfig config;
    private final Clock clock;
    private final IdentityTable identities;
    /** Set once a throttle handed to the rate-limit stage went unapplied: throttles are refused here from then on. */
    private final AtomicBoolean throttleUnenforced = new AtomicBoolean();

    public BehaviourStage(String name, BehaviourStageConfig config, Clock clock) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.identities = new IdentityTable(config.maxIdentities());
    }

    private record Recorded(IdentityHistory history, long seq, boolean throttleRequested) {
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        IdentityHistory history = identities.get(identity(exchange));
        PromptSketch sketch = PromptSketch.of(lastUserText(exchange));
        IdentityHistory.Evaluation eval = history.record(sketch, clock.millis(), config.window().toMillis(),
                config.minRequests());
        Signals s = eval.signals();
        String decision = s.score() < config.flag() ? "pass" : s.score() >= config.block() ? "block"
                : s.score() >= config.throttle() ? "throttle" : "flag";
        boolean handOver = "throttle".equals(decision) && config.throttleByRateLimit() && !throttleUnenforced.get();
        exchange.attribute(RECORDED, new Recorded(history, eval.seq(), handOver));
        if ("pass".equals(decision)) {
            return StageOutcome.pass();
        }
        if (handOver) {
            exchange.requestThrottle(new Throttle(config.throttleFactor(), name, "behaviour.throttle"));
        }
        Finding finding = new Finding(name, RULE, s.score() >= config.throttle() ? Severity.HIGH : Severity.MEDIUM,
                "abusive pattern (" + decision + "): " + s.evidence(), "identity", "", (int) Math.round(s.score() * 100),
                List.of("behaviour"));
        return switch (decision) {
            case "block" -> StageOutcome.block(Block.forbidden("behaviour.block", List.of(RULE)), List.of(finding));
            case "throttle" -> handOver ? StageOutcome.pass(List.of(finding))
                    : StageOutcome.block(Block.tooManyRequests("behaviour.throttle", List.of(RULE), retryAfter()),
                    List.of(finding));
            default -> StageOutcome.pass(List.of(finding));
        };
    }

    /** A throttled identity waits a tenth of the window: long enough for its burst to age, short enough for a person. */
    private Duration retryAfter() {
        return config.window().dividedBy(10).isZero() ? Duration.ofSeconds(1) : config.window().dividedBy(10);
    }

    @Override
    public void complete(Exchange exchange, ResponseInfo response) {
        Recorded recorded = exchange.attribute(RECORDED);
        if (recorded == null) {
            return;
        }
        boolean allowed = exchange.verdict() != null && exchange.verdict().allowed();
        if (recorded.throttleRequested() && allowed && !exchange.throttleApplied()
                && throttleUnenforced.compareAndSet(false, true)) {
            LOG.warn("AIGuard stage '{}': a throttle was not applied by any rate-limit stage (none after it in the "
                    + "policy?); throttled requests are refused with 429 from now on", name);
        }
        int flag = 0;
        boolean refused = exchange.verdict() != null && exchange.verdict().blocked();
        for (Finding f : exchange.findings()) {
            String rule = f.ruleId();
            if (rule.startsWith("prompt.injection") || rule.startsWith("leak.") || rule.startsWith("secret.")) {
                flag |= IdentityHistory.EXTRACTION;
            }
            if (f.tags().contains("output") && f.severity() == Severity.HIGH) {
                flag |= IdentityHistory.EXTRACTION;
            }
        }
        if (refused || response.status() == 403 || response.status() == 429) {
            flag |= IdentityHistory.BLOCKED;
        }
        if (flag != 0) {
            recorded.history().mark(recorded.seq(), flag);
        }
    }

    /** Identities tracked now (bounded by {@code maxIdentities}). */
    public int trackedIdentities() {
        return identities.size();
    }

    static String identity(Exchange exchange) {
        Principal p = exchange.principal();
        if (!p.isAnonymous()) {
            return "p:" + (p.tenant() == null ? "" : p.tenant() + "/") + p.subject();
        }
        InetSocketAddress address = exchange.request().remoteAddress();
        return "a:" + (address == null ? "-" : address.getAddress() != null ? address.getAddress().getHostAddress()
                : address.getHostString());
    }

    /** The last user turn: a conversation grows turn by turn, and its earlier turns must not look like duplicates. */
    private static String lastUserText(Exchange exchange) {
        LlmRequest request = LlmPayloads.of(exchange.request());
        String last = "";
        for (PromptSegment s : request.segments()) {
            if (s.source() == SegmentSource.USER) {
                last = s.text();
            }
        }
        return last;
    }
}
