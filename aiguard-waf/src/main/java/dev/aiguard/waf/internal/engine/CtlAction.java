package dev.aiguard.waf.internal.engine;

import java.util.Locale;
import java.util.Map;

/**
 * {@code ctl:name=value}: changes the running transaction's configuration (rule engine mode, body processor,
 * runtime rule and target exclusions). Values may contain macros.
 *
 * @param kind  which setting
 * @param value the value after {@code =}
 */
public record CtlAction(Kind kind, Macro value) implements MatchAction {

    /** The ctl sub-actions understood here. */
    public enum Kind {
        RULE_ENGINE, REQUEST_BODY_PROCESSOR, FORCE_REQUEST_BODY_VARIABLE, REQUEST_BODY_ACCESS,
        RESPONSE_BODY_ACCESS, RULE_REMOVE_BY_ID, RULE_REMOVE_BY_TAG, RULE_REMOVE_BY_MSG,
        RULE_REMOVE_TARGET_BY_ID, RULE_REMOVE_TARGET_BY_TAG, RULE_REMOVE_TARGET_BY_MSG,
        /** Audit-log and debug-log settings: there is no audit log here, so they are accepted and ignored. */
        IGNORED
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("ruleengine", Kind.RULE_ENGINE),
            Map.entry("requestbodyprocessor", Kind.REQUEST_BODY_PROCESSOR),
            Map.entry("forcerequestbodyvariable", Kind.FORCE_REQUEST_BODY_VARIABLE),
            Map.entry("requestbodyaccess", Kind.REQUEST_BODY_ACCESS),
            Map.entry("responsebodyaccess", Kind.RESPONSE_BODY_ACCESS),
            Map.entry("ruleremovebyid", Kind.RULE_REMOVE_BY_ID),
            Map.entry("ruleremovebytag", Kind.RULE_REMOVE_BY_TAG),
            Map.entry("ruleremovebymsg", Kind.RULE_REMOVE_BY_MSG),
            Map.entry("ruleremovetargetbyid", Kind.RULE_REMOVE_TARGET_BY_ID),
            Map.entry("ruleremovetargetbytag", Kind.RULE_REMOVE_TARGET_BY_TAG),
            Map.entry("ruleremovetargetbymsg", Kind.RULE_REMOVE_TARGET_BY_MSG),
            Map.entry("auditengine", Kind.IGNORED),
            Map.entry("auditlogparts", Kind.IGNORED),
            Map.entry("debugloglevel", Kind.IGNORED),
            Map.entry("requestbodylimit", Kind.IGNORED),
            Map.entry("hashengine", Kind.IGNORED));

    /**
     * Parses the text after {@code ctl:}.
     *
     * @throws IllegalArgumentException for an unknown setting or a missing {@code =}
     */
    public static CtlAction parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("ctl needs 'name=value', got '" + spec + "'");
        }
        String name = spec.substring(0, eq).trim();
        Kind kind = KINDS.get(name.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new IllegalArgumentException("unknown ctl '" + name + "'");
        }
        return new CtlAction(kind, Macro.parse(spec.substring(eq + 1).trim()));
    }

    @Override
    public void apply(Transaction tx) {
        if (kind != Kind.IGNORED) {
            tx.control(kind, tx.expand(value));
        }
    }
}
