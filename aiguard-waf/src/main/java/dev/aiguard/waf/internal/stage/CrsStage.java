package dev.aiguard.waf.internal.stage;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Mode;
import dev.aiguard.api.OutputFilter;
import dev.aiguard.api.OutputStage;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.waf.CrsStageConfig;
import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.MatchedRule;
import dev.aiguard.waf.SecLangEngine;
import dev.aiguard.waf.WafInterruption;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.WafResult;
import dev.aiguard.waf.WafTransaction;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the CRS on the request (phases 1 and 2) and blocks when the CRS interrupts: the inbound anomaly score reached
 * the threshold (949110) or a rule denies outright. The block names the detection rules that contributed, so the
 * policy's per-rule modes apply: a block caused only by rules in {@code monitor} becomes "would block".
 *
 * <p>With {@code responses.enabled}, it is also an {@link OutputStage}: the same transaction (its anomaly scores and
 * variables) runs phases 3 and 4 over the response, so the data-leakage rules (RESPONSE-950..956: SQL, Java, PHP,
 * IIS errors, directory listings, web shells) and the outbound evaluation (959100) apply. See {@link CrsResponseFilter}.
 */
public final class CrsStage implements Stage, OutputStage {

    /** The request's transaction, kept for the response side. */
    static final Exchange.AttributeKey<WafTransaction> TRANSACTION =
            new Exchange.AttributeKey<>("crs.transaction", WafTransaction.class);

    /** Reason code of a CRS block. */
    public static final String REASON = "waf.crs";

    private final String name;
    private final SecLangEngine engine;
    private final LlmScoping scoping;
    private final CrsStageConfig.ResponseScope responses;

    public CrsStage(String name, SecLangEngine engine) {
        this(name, engine, new CrsStageConfig.PromptScope(null, null, null));
    }

    /** A stage that scopes the prompt fields of LLM payloads as {@code prompts} says. */
    public CrsStage(String name, SecLangEngine engine, CrsStageConfig.PromptScope prompts) {
        this(name, engine, prompts, new CrsStageConfig.ResponseScope(null, null, null));
    }

    /** A stage that also inspects responses as {@code responses} says. */
    public CrsStage(String name, SecLangEngine engine, CrsStageConfig.PromptScope prompts,
                    CrsStageConfig.ResponseScope responses) {
        this.name = name;
        this.engine = engine;
        this.scoping = new LlmScoping(prompts);
        this.responses = responses;
    }

    /** The regex engine in use and the number of rules loaded. */
    @Override
    public java.util.Map<String, String> describe() {
        return java.util.Map.of("regex.engine", engine.regexEngine(), "rules", Integer.toString(engine.ruleCount()));
    }

    /** Inspects the sample and drops the outcome: the rule engine keeps no state between transactions. */
    @Override
    public void warmUp(Exchange sample) {
        inspect(sample);
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        GuardRequest request = exchange.request();
        WafTransaction tx = engine.newTransaction(toWafRequest(request), scoping.fieldsOf(request));
        WafResult result = tx.processRequest();
        if (responses.enabled()) {
            exchange.attribute(TRANSACTION, tx);
        }
        List<Finding> findings = findings(result, 0);
        List<String> detectionRules = new ArrayList<>();
        for (Finding f : findings) {
            if (isDetection(Integer.parseInt(f.ruleId()))) {
                detectionRules.add(f.ruleId());
            }
        }
        if (result.interruption().isEmpty()) {
            return StageOutcome.pass(findings);
        }
        WafInterruption stop = result.interruption().get();
        List<String> cause = isEvaluationRule(stop.ruleId()) && !detectionRules.isEmpty()
                ? detectionRules : List.of(Integer.toString(stop.ruleId()));
        int status = stop.status() >= 400 && stop.status() <= 599 ? stop.status() : 403;
        Block block = status == 403 ? Block.forbidden(REASON, cause)
                : new Block(status, status == 400 ? 3 : 7, REASON, cause, null, java.util.Map.of());
        return StageOutcome.block(block, findings);
    }

    @Override
    public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
        WafTransaction tx = exchange.attribute(TRANSACTION);
        if (tx == null) {
            return null;
        }
        return new CrsResponseFilter(this, tx, contentType, responses, mode == Mode.MONITOR);
    }

    /** Findings of the rules logged in phases after {@code afterPhase} (0: all); bookkeeping rules make none. */
    List<Finding> findings(WafResult result, int afterPhase) {
        List<Finding> findings = new ArrayList<>();
        for (MatchedRule rule : result.loggedRules()) {
            if (rule.phase() <= afterPhase || rule.message() == null || rule.message().isEmpty()) {
                continue;
            }
            String id = Integer.toString(rule.id());
            List<String> tags = afterPhase > 0 ? withOutputTag(rule.tags()) : tags(rule);
            findings.add(new Finding(name, id, severity(rule.severity()), rule.message(), rule.matchedVariable(),
                    rule.matchedValue(), score(rule.severity()), tags));
        }
        return findings;
    }

    private static List<String> withOutputTag(List<String> tags) {
        List<String> all = new ArrayList<>(tags);
        all.add("output");
        return all;
    }

    /** Reason code of a response the CRS stopped (outbound anomaly score, or a response rule that denies). */
    static final String RESPONSE_REASON = "waf.crs.response";

    /**
     * The rule's tags, plus {@link Finding#TAG_PROMPT} when the match is in the request body: in an inference request
     * that is prompt text, which events leave out unless the policy allows prompt logging.
     */
    private static List<String> tags(MatchedRule rule) {
        String variable = rule.matchedVariable() == null ? "" : rule.matchedVariable();
        boolean body = variable.startsWith("ARGS:json") || variable.startsWith("ARGS_POST") || variable.startsWith("REQUEST_BODY")
                || variable.startsWith("XML") || variable.startsWith("FILES") || variable.startsWith("ARGS_NAMES:json")
                || variable.startsWith("MATCHED_VAR");
        if (!body) {
            return rule.tags();
        }
        List<String> tags = new ArrayList<>(rule.tags());
        tags.add(Finding.TAG_PROMPT);
        return tags;
    }

    /** CRS's blocking-evaluation rules (949xxx, 959xxx) only sum what detection rules found. */
    private static boolean isEvaluationRule(int id) {
        return id / 1000 == 949 || id / 1000 == 959;
    }

    static boolean isDetection(int id) {
        return !isEvaluationRule(id) && id / 1000 != 980;
    }

    private static boolean isDetection(MatchedRule rule) {
        return isDetection(rule.id());
    }

    /** ModSecurity severities: 0 EMERGENCY ... 2 CRITICAL, 3 ERROR, 4 WARNING, 5 NOTICE, 6 INFO, 7 DEBUG; -1 none. */
    private static Severity severity(int modsecSeverity) {
        return switch (modsecSeverity) {
            case 0, 1, 2 -> Severity.CRITICAL;
            case 3 -> Severity.HIGH;
            case 4 -> Severity.MEDIUM;
            case 5 -> Severity.LOW;
            default -> Severity.INFO;
        };
    }

    /** The anomaly points CRS adds for a severity (critical 5, error 4, warning 3, notice 2). */
    private static int score(int modsecSeverity) {
        return switch (modsecSeverity) {
            case 0, 1, 2 -> 5;
            case 3 -> 4;
            case 4 -> 3;
            case 5 -> 2;
            default -> 0;
        };
    }

    static WafRequest toWafRequest(GuardRequest request) {
        List<HttpHeader> headers = new ArrayList<>(request.headers().size());
        for (Headers.Header h : request.headers().lines()) {
            headers.add(new HttpHeader(h.name(), h.value()));
        }
        InetSocketAddress remote = request.remoteAddress();
        String remoteAddr = remote == null ? "" : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        int remotePort = remote == null ? 0 : remote.getPort();
        String host = request.headers().first("Host").orElse("");
        return new WafRequest(request.method(), request.uri(), request.protocol(), headers, remoteAddr, remotePort,
                host, 0, request.body());
    }
}
