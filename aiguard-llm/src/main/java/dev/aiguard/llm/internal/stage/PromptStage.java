package dev.aiguard.llm.internal.stage;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.RequestView;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.PromptSegment;
import dev.aiguard.llm.PromptStageConfig;
import dev.aiguard.llm.internal.detect.Detection;
import dev.aiguard.llm.internal.detect.Hit;
import dev.aiguard.llm.internal.detect.PromptDetector;
import dev.aiguard.llm.internal.detect.SignatureSet;
import dev.aiguard.llm.internal.detect.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The prompt stage: scores every prompt segment of an LLM request and blocks (403, reason {@code prompt.injection})
 * when a segment reaches its source's threshold. Findings name the segment's JSON path as target and are tagged
 * {@code prompt} (their excerpts are prompt text, which events drop unless the policy allows prompt logging).
 */
final class PromptStage implements Stage {

    static final String PARSE_ERROR = "llm.parse_error";
    static final String SCAN_TRUNCATED = "prompt.scan_truncated";
    static final String INDIRECT_SUFFIX = ".indirect";
    static final String BLOCK_REASON = "prompt.injection";
    private static final int EXCERPT = 64;

    private final String name;
    private final PromptStageConfig config;
    private final PromptDetector detector;
    private final RequestView<LlmRequest> view;

    PromptStage(String name, PromptStageConfig config, PromptDetector detector, RequestView<LlmRequest> view) {
        this.name = name;
        this.config = config;
        this.detector = detector;
        this.view = view;
    }

    /** Inspects the sample and drops the outcome: scoring keeps no state between requests. */
    @Override
    public void warmUp(Exchange sample) {
        inspect(sample);
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        LlmRequest request = exchange.request().view(view);
        if (!request.isLlm()) {
            return StageOutcome.pass();
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> blockingRules = new LinkedHashSet<>();
        request.parseError().ifPresent(error -> findings.add(new Finding(name, PARSE_ERROR, Severity.MEDIUM,
                "LLM payload (" + request.format().policyName() + ") could not be fully read: " + error, "body", "", 0,
                List.of("llm"))));
        scanSegments(request, findings, blockingRules);
        if (!blockingRules.isEmpty()) {
            return StageOutcome.block(Block.forbidden(BLOCK_REASON, List.copyOf(blockingRules)), findings);
        }
        if (config.blockOnParseError() && request.parseError().isPresent()) {
            return StageOutcome.block(Block.badRequest(PARSE_ERROR, List.of(PARSE_ERROR)), findings);
        }
        return StageOutcome.pass(findings);
    }

    private void scanSegments(LlmRequest request, List<Finding> findings, Set<String> blockingRules) {
        long budget = config.maxScanChars();
        for (PromptSegment segment : request.segments()) {
            if (budget <= 0) {
                findings.add(new Finding(name, SCAN_TRUNCATED, Severity.LOW,
                        "prompt text beyond " + config.maxScanChars() + " characters was not inspected", segment.path(), "",
                        0, List.of(Finding.TAG_PROMPT)));
                return;
            }
            String text = segment.text().length() > budget ? segment.text().substring(0, (int) budget) : segment.text();
            budget -= text.length();
            Detection d = detector.detect(text, segment.source().isIndirect());
            if (d.score() < config.report()) {
                continue;
            }
            boolean blocks = d.score() >= config.threshold(segment.source());
            String ruleId = d.ruleId() + (segment.source().isIndirect() && !d.ruleId().equals(SignatureSet.ENCODING)
                    ? INDIRECT_SUFFIX : "");
            findings.add(finding(segment, d, ruleId, blocks));
            if (blocks) {
                blockingRules.add(ruleId);
            }
        }
    }

    private Finding finding(PromptSegment segment, Detection d, String ruleId, boolean blocks) {
        String message = String.format(Locale.ROOT, "%s in %s text (score %.2f, %s)", describe(ruleId),
                segment.source().policyName(), d.score(), d.source());
        return new Finding(name, ruleId, blocks ? Severity.HIGH : Severity.MEDIUM, message, segment.path(),
                excerpt(segment.text(), d), (int) Math.round(d.score() * 100), List.of(Finding.TAG_PROMPT, "llm"));
    }

    private static String describe(String ruleId) {
        if (ruleId.startsWith(SignatureSet.JAILBREAK)) {
            return "jailbreak attempt";
        }
        if (ruleId.startsWith(SignatureSet.EXTRACTION)) {
            return "system-prompt extraction attempt";
        }
        if (ruleId.startsWith(SignatureSet.ENCODING)) {
            return "hidden or encoded instructions";
        }
        if (ruleId.startsWith(SignatureSet.DELIMITER)) {
            return "chat-template delimiter injection";
        }
        return ruleId.endsWith(INDIRECT_SUFFIX) ? "indirect prompt injection" : "prompt injection";
    }

    /** Normalized text around the strongest positional hit, else the segment's start. */
    private static String excerpt(String text, Detection d) {
        String normalized = TextNormalizer.normalize(text.length() > 8192 ? text.substring(0, 8192) : text);
        int at = 0;
        if (!d.hits().isEmpty()) {
            Hit top = d.hits().get(0);
            at = top.offset() >= 0 && top.offset() < normalized.length() && !top.ruleId().equals(SignatureSet.ENCODING)
                    ? top.offset() : 0;
        }
        int end = Math.min(normalized.length(), at + EXCERPT);
        return normalized.substring(at, end);
    }
}
