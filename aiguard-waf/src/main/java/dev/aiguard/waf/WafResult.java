package dev.aiguard.waf;

import dev.aiguard.waf.internal.engine.TxSnapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a transaction after some phases.
 *
 * @param matchedRules  rules that matched, in order (including {@code nolog} bookkeeping rules)
 * @param interruption  the interruption, if any
 * @param txVariables   the TX collection (CRS keeps anomaly scores here)
 */
public record WafResult(List<MatchedRule> matchedRules, Optional<WafInterruption> interruption,
                        Map<String, String> txVariables) {

    public WafResult {
        matchedRules = List.copyOf(matchedRules);
        // A transaction's snapshot is immutable already, and copying it would compute its pending captures.
        txVariables = txVariables instanceof TxSnapshot ? txVariables : Map.copyOf(txVariables);
    }

    /** The matched rules that log (what a ModSecurity error log would show). */
    public List<MatchedRule> loggedRules() {
        return matchedRules.stream().filter(MatchedRule::logged).toList();
    }

    /** The log lines, in order. */
    public List<String> logLines() {
        return loggedRules().stream().map(MatchedRule::logLine).toList();
    }

    /** CRS's inbound anomaly score at the blocking paranoia level (0 when not set). */
    public int inboundAnomalyScore() {
        return intVar("blocking_inbound_anomaly_score");
    }

    /** CRS's outbound anomaly score at the blocking paranoia level (0 when not set). */
    public int outboundAnomalyScore() {
        return intVar("blocking_outbound_anomaly_score");
    }

    private int intVar(String name) {
        try {
            return Integer.parseInt(txVariables.getOrDefault(name, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
