package dev.aiguard.waf;

import java.util.List;

/**
 * A rule that matched during a transaction.
 *
 * @param id              rule id
 * @param phase           phase 1-5
 * @param message         the expanded {@code msg} ("" when none)
 * @param data            the expanded {@code logdata} ("" when none)
 * @param tags            the rule's tags
 * @param severity        0 (emergency) to 7 (debug); -1 when the rule has none
 * @param matchedVariable the variable that matched, as ModSecurity names it ({@code ARGS:q})
 * @param matchedValue    the matched value after transformations
 * @param logged          {@code false} for {@code nolog} rules (bookkeeping rules such as CRS initialisation)
 * @param logLine         the ModSecurity-format log line, or "" when not logged
 */
public record MatchedRule(int id, int phase, String message, String data, List<String> tags, int severity,
                          String matchedVariable, String matchedValue, boolean logged, String logLine) {
    public MatchedRule {
        tags = List.copyOf(tags);
    }
}
