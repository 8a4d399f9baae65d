package dev.aiguard.output.internal.behaviour;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.PromptSegment;
import dev.aiguard.llm.SegmentSource;
import dev.aiguard.output.BehaviourStageConfig;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code type: behaviour}: scores each request against its identity's recent behaviour (near-duplicate bursts,
 * one-word enumeration, extraction attempts, refused share, prompt-size outliers) and flags, throttles (429) or blocks
 * (403) from configured thresholds. The identity is the principal's subject (tenant-qualified), else the client
 * address. Outcomes are learnt in {@link #complete}: a refused request or one with injection or leak findings counts
 * against the identity in its later requests.
 */
public final class BehaviourStage implements Stage {

    static final String RULE = "behaviour.abuse";
    private static final Exchange.AttributeKey<Recorded> RECORDED = new Exchange.AttributeKey<>("behaviour", Recorded.class);

    private final String name;
    private final BehaviourStageConfig config;
    private final Clock clock;
    private final IdentityTable identities;

    public BehaviourStage(String name, BehaviourStageConfig config, Clock clock) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.identities = new IdentityTable(config.maxIdentities());
    }

    private record Recorded(IdentityHistory history, long seq) {
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        IdentityHistory history = identities.get(identity(exchange));
        PromptSketch sketch = PromptSketch.of(lastUserText(exchange));
        IdentityHistory.Evaluation eval = history.record(sketch, clock.millis(), config.window().toMillis(),
                config.minRequests());
        exchange.attribute(RECORDED, new Recorded(history, eval.seq()));
        Signals s = eval.signals();
        if (s.score() < config.flag()) {
            return StageOutcome.pass();
        }
        String decision = s.score() >= config.block() ? "block" : s.score() >= config.throttle() ? "throttle" : "flag";
        Finding finding = new Finding(name, RULE, s.score() >= config.throttle() ? Severity.HIGH : Severity.MEDIUM,
                "abusive pattern (" + decision + "): " + s.evidence(), "identity", "", (int) Math.round(s.score() * 100),
                List.of("behaviour"));
        return switch (decision) {
            case "block" -> StageOutcome.block(Block.forbidden("behaviour.block", List.of(RULE)), List.of(finding));
            case "throttle" -> StageOutcome.block(Block.tooManyRequests("behaviour.throttle", List.of(RULE),
                    retryAfter()), List.of(finding));
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
