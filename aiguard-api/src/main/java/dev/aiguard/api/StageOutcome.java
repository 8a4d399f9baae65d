package dev.aiguard.api;

import java.util.List;
import java.util.Optional;

/**
 * What one stage concluded about a request.
 *
 * @param findings what it detected (may be non-empty on a pass: detections below a threshold)
 * @param block    its decision to block, or {@code null} to let the request continue
 */
public record StageOutcome(List<Finding> findings, Block block) {

    private static final StageOutcome PASS = new StageOutcome(List.of(), null);

    public StageOutcome {
        findings = List.copyOf(findings);
    }

    /** Nothing found; continue. */
    public static StageOutcome pass() {
        return PASS;
    }

    /** Continue, with findings. */
    public static StageOutcome pass(List<Finding> findings) {
        return findings.isEmpty() ? PASS : new StageOutcome(findings, null);
    }

    /** Block, with the findings that led to it. */
    public static StageOutcome block(Block block, List<Finding> findings) {
        return new StageOutcome(findings, java.util.Objects.requireNonNull(block, "block"));
    }

    /** The block decision, if any. */
    public Optional<Block> blockDecision() {
        return Optional.ofNullable(block);
    }
}
