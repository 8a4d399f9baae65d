package dev.aiguard.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The guard's answer for one request: allow, or block with how to answer. It always carries the findings, and
 * {@link #wouldBlock()} tells whether a stage or rule in {@code monitor} mode would have blocked.
 *
 * <p>Equality covers the decision and findings, not the exchange: the same request under the same policy gives an equal
 * verdict.
 */
public final class Verdict {

    private final Block block;
    private final String blockingStage;
    private final boolean wouldBlock;
    private final List<Finding> findings;
    private final Exchange exchange;

    Verdict(Block block, String blockingStage, boolean wouldBlock, List<Finding> findings, Exchange exchange) {
        this.block = block;
        this.blockingStage = blockingStage;
        this.wouldBlock = wouldBlock;
        this.findings = List.copyOf(findings);
        this.exchange = exchange;
    }

    /** Whether the request may go to the model. */
    public boolean allowed() {
        return block == null;
    }

    /** Whether the request must be refused. */
    public boolean blocked() {
        return block != null;
    }

    /** The block decision, if blocked. */
    public Optional<Block> block() {
        return Optional.ofNullable(block);
    }

    /** HTTP status to answer with: 200 when allowed. */
    public int httpStatus() {
        return block == null ? 200 : block.httpStatus();
    }

    /** gRPC status code number: 0 (OK) when allowed. */
    public int grpcStatus() {
        return block == null ? 0 : block.grpcStatus();
    }

    /** Reason code of the block; {@code "allowed"} when allowed. */
    public String reason() {
        return block == null ? "allowed" : block.reason();
    }

    /** Rule ids that caused the block; empty when allowed. */
    public List<String> ruleIds() {
        return block == null ? List.of() : block.ruleIds();
    }

    /** When to retry, for 429/503 blocks. */
    public Optional<Duration> retryAfter() {
        return block == null ? Optional.empty() : Optional.ofNullable(block.retryAfter());
    }

    /** Headers the adapter must add to the block response. */
    public Map<String, String> responseHeaders() {
        return block == null ? Map.of() : block.responseHeaders();
    }

    /** The stage that blocked, or {@code null}. */
    public String blockingStage() {
        return blockingStage;
    }

    /** Whether something in {@code monitor} mode would have blocked this request. */
    public boolean wouldBlock() {
        return wouldBlock;
    }

    /** Every finding of every stage that ran. */
    public List<Finding> findings() {
        return findings;
    }

    /** The exchange to pass to {@link Guard#complete} once the response is known. */
    public Exchange exchange() {
        return exchange;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Verdict v && Objects.equals(block, v.block) && Objects.equals(blockingStage, v.blockingStage)
                && wouldBlock == v.wouldBlock && findings.equals(v.findings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(block, blockingStage, wouldBlock, findings);
    }

    @Override
    public String toString() {
        return blocked()
                ? "Verdict[block " + block.httpStatus() + " " + block.reason() + " by " + blockingStage + ", rules " + block.ruleIds() + "]"
                : "Verdict[allow" + (wouldBlock ? ", would block" : "") + ", " + findings.size() + " findings]";
    }
}
