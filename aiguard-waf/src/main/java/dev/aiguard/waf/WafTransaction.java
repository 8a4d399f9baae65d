package dev.aiguard.waf;

import dev.aiguard.waf.internal.engine.Interruption;
import dev.aiguard.waf.internal.engine.RuleMatch;
import dev.aiguard.waf.internal.engine.Transaction;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One request (and optionally its response) going through a {@link SecLangEngine}. Call
 * {@link #processRequest()}, then optionally {@link #processResponse(WafResponse)}, then {@link #finish()}; each
 * returns the state so far. Not thread-safe: one instance per request.
 */
public final class WafTransaction {

    private final Transaction tx;

    WafTransaction(Transaction tx) {
        this.tx = tx;
    }

    /** Runs phases 1 (headers) and 2 (body). */
    public WafResult processRequest() {
        tx.processRequestHeaders();
        tx.processRequestBody();
        return result();
    }

    /** Runs phases 3 (response headers) and 4 (response body). */
    public WafResult processResponse(WafResponse response) {
        tx.processResponseHeaders(response);
        tx.processResponseBody(response);
        return result();
    }

    /** Runs phase 5 (logging); call once at the end, also after an interruption. */
    public WafResult finish() {
        tx.processLogging();
        return result();
    }

    /** The state so far. */
    public WafResult result() {
        List<MatchedRule> rules = tx.matches().stream().map(WafTransaction::toPublic).toList();
        Optional<WafInterruption> interruption = tx.interruption().map(WafTransaction::toPublic);
        return new WafResult(rules, interruption, tx.txVariables());
    }

    private static MatchedRule toPublic(RuleMatch m) {
        return new MatchedRule(m.id(), m.phase(), m.msgSupplier(), m.dataSupplier(), m.tags(), m.severity(),
                m.matchedVarName(), m.matchedValue(), m.logged(), m.logLineSupplier());
    }

    private static WafInterruption toPublic(Interruption i) {
        return new WafInterruption(i.ruleId(), i.phase(), i.action().name().toLowerCase(Locale.ROOT), i.status());
    }
}
