package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.internal.operator.Operator;
import dev.aiguard.waf.internal.seclang.OperatorSpec;
import dev.aiguard.waf.internal.seclang.SourceLocation;
import dev.aiguard.waf.internal.transform.Transformation;

import java.util.List;

/**
 * One rule (or chain link) ready to run. Metadata (id, msg, tags, disruptive action, flow) lives on the chain
 * starter; links carry only targets, operator, transformations and their own match actions.
 *
 * @param id              rule id (0 for chain links)
 * @param phase           1-5
 * @param targets         targets to inspect (no exclusions)
 * @param exclusions      {@code !} targets
 * @param operatorSpec    the operator as written
 * @param operator        the compiled operator ({@code null} for SecAction: always matches)
 * @param transformations the transformation chain after {@code t:none} resets
 * @param transformKey    identifies the transformation chain (for caching transformed values)
 * @param multiMatch      run the operator after every transformation step
 * @param capture         the operator's captures go to TX:0-9
 * @param matchActions    setvar/ctl/... run on each match, in order
 * @param disruptive      the resolved disruptive action
 * @param allowScope      for {@code allow}
 * @param status          the {@code status} action (0 when absent)
 * @param skipAfter       marker (or rule id) to continue after; {@code null} when absent
 * @param skip            number of following rules to skip (0 when absent)
 * @param msg             {@code msg} (null when absent)
 * @param logData         {@code logdata} (null when absent)
 * @param tags            {@code tag} values
 * @param severity        0-7, or -1 when absent
 * @param ver             {@code ver} (null when absent)
 * @param rev             {@code rev}
 * @param maturity        {@code maturity}
 * @param accuracy        {@code accuracy}
 * @param log             log matches
 * @param auditLog        mark for the audit log
 * @param next            the next chain link, or {@code null}
 * @param location        where the rule starts
 */
public record CompiledRule(int id, int phase, List<CompiledTarget> targets, List<CompiledTarget> exclusions,
                           OperatorSpec operatorSpec, Operator operator, List<Transformation> transformations,
                           String transformKey, boolean multiMatch, boolean capture, List<MatchAction> matchActions,
                           Disruptive disruptive, AllowScope allowScope, int status, String skipAfter, int skip,
                           Macro msg, Macro logData, List<String> tags, int severity, String ver, String rev,
                           String maturity, String accuracy, boolean log, boolean auditLog, CompiledRule next,
                           SourceLocation location) {

    public CompiledRule {
        targets = List.copyOf(targets);
        exclusions = List.copyOf(exclusions);
        transformations = List.copyOf(transformations);
        matchActions = List.copyOf(matchActions);
        tags = List.copyOf(tags);
    }

    /** {@code true} for SecAction-style rules that match unconditionally without targets. */
    public boolean unconditional() {
        return operator == null;
    }

    /** The msg as written, or empty (for {@code ctl:ruleRemoveByMsg} and {@code SecRuleRemoveByMsg}). */
    public String msgText() {
        return msg == null ? "" : msg.source();
    }
}
