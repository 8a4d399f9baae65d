package dev.aiguard.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code type: prompt} stage, bound from the stage's keys in the policy. Every key is optional;
 * missing keys ({@code null}) take the defaults below.
 *
 * <pre>
 * - type: prompt
 *   thresholds: {user: 0.5, tool_result: 0.5}   # enforce thresholds per segment source, 0..1 (1 = report only)
 *   report: 0.35                                # findings (without blocking) from this score up
 *   blockOnParseError: false                    # answer 400 when an LLM payload cannot be read
 *   routes: {/llm/: anthropic_messages}         # force a format for path prefixes
 *   maxScanChars: 1000000                       # prompt characters inspected per request
 *   model: models/prompt-model.bin              # another trained model (default: the shipped one)
 * </pre>
 *
 * @param thresholds        per {@link SegmentSource} policy name: the score from which the stage blocks
 * @param report            score from which a segment yields a finding (below its enforce threshold: no block)
 * @param blockOnParseError whether a payload that cannot be read is answered with 400 (default: pass with a finding)
 * @param routes            path prefix to {@link LlmFormat} policy name, overriding detection
 * @param maxScanChars      prompt characters inspected per request; the rest is skipped with a finding
 * @param model             path of a model file (relative to the policy), or empty for the shipped model
 */
public record PromptStageConfig(Map<String, Double> thresholds, Double report, Boolean blockOnParseError,
                                Map<String, String> routes, Integer maxScanChars, String model) {

    /** Default enforce thresholds. System prompts are the operator's own text: reported, never blocked. */
    public static final Map<String, Double> DEFAULT_THRESHOLDS = Map.of(
            "system", 1.0,
            "user", 0.5,
            "assistant", 0.7,
            "tool_result", 0.5,
            "retrieved_document", 0.5,
            "tool_call_arguments", 0.9);

    public PromptStageConfig {
        Map<String, Double> merged = new LinkedHashMap<>(DEFAULT_THRESHOLDS);
        if (thresholds != null) {
            merged.putAll(thresholds);
        }
        thresholds = Map.copyOf(merged);
        report = report == null ? 0.35 : report;
        blockOnParseError = blockOnParseError != null && blockOnParseError;
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        maxScanChars = maxScanChars == null ? 1_000_000 : maxScanChars;
        model = model == null ? "" : model;
    }

    /** All defaults. */
    public static PromptStageConfig defaults() {
        return new PromptStageConfig(null, null, null, null, null, null);
    }

    /** The enforce threshold of a source. */
    public double threshold(SegmentSource source) {
        return thresholds.getOrDefault(source.policyName(), 0.5);
    }

    /** Source names accepted as {@code thresholds} keys. */
    public static List<String> sourceNames() {
        return java.util.Arrays.stream(SegmentSource.values()).map(SegmentSource::policyName).toList();
    }
}
