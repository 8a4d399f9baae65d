package dev.aiguard.waf.internal.engine;

import java.util.List;

/**
 * A rule (with its whole chain) that matched.
 *
 * @param id              rule id
 * @param phase           phase it ran in
 * @param msg             expanded msg ("" when none)
 * @param data            expanded logdata ("" when none)
 * @param tags            tags
 * @param severity        0-7, -1 when none
 * @param matchedVarName  the variable that matched last, e.g. {@code ARGS:foo}
 * @param matchedValue    its (transformed) value
 * @param disruptive      the rule's resolved disruptive action
 * @param logged          {@code false} for {@code nolog} rules
 * @param logLine         the ModSecurity-style log line ({@code ""} when not logged)
 */
public record RuleMatch(int id, int phase, String msg, String data, List<String> tags, int severity,
                        String matchedVarName, String matchedValue, Disruptive disruptive, boolean logged,
                        String logLine) {
    public RuleMatch {
        tags = List.copyOf(tags);
    }
}
