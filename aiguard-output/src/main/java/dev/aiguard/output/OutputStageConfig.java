package dev.aiguard.output;

import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code type: output} stage. Every key is optional.
 *
 * <pre>
 * - type: output
 *   streaming: strict            # strict: hold back and redact; audit: forward at once, inspect behind, block cuts
 *   holdBack: 512                # chars of generated text held back in strict mode
 *   actions: {secret: redact, pii: redact, leak: block, email: flag}   # by detector name or kind
 *   disabled: [phone]            # detectors switched off
 *   nationalIds: [us_ssn, uk_nino, es_dni]
 *   canaries: [AIGUARD-CANARY-7f3a9c]   # strings planted in system prompts
 *   leakNgram: 8                 # words per n-gram for system-prompt overlap (0 switches it off)
 *   leakMinNgrams: 3             # consecutive shared n-grams that make a leak
 *   maxBodyBytes: 4194304        # a JSON body held whole up to this; SSE events up to this
 *   injectCanary: false          # add a fresh canary to each request's system prompt (request rewrite)
 * </pre>
 */
public record OutputStageConfig(String streaming, Integer holdBack, Map<String, String> actions, List<String> disabled,
                                List<String> nationalIds, List<String> canaries, Integer leakNgram,
                                Integer leakMinNgrams, Integer maxBodyBytes, Boolean injectCanary) {

    public OutputStageConfig {
        streaming = streaming == null ? "strict" : streaming;
        holdBack = holdBack == null ? 512 : holdBack;
        actions = actions == null ? Map.of() : Map.copyOf(actions);
        disabled = disabled == null ? List.of() : List.copyOf(disabled);
        nationalIds = nationalIds == null ? List.of("us_ssn", "uk_nino", "es_dni") : List.copyOf(nationalIds);
        canaries = canaries == null ? List.of() : List.copyOf(canaries);
        leakNgram = leakNgram == null ? 8 : leakNgram;
        leakMinNgrams = leakMinNgrams == null ? 3 : leakMinNgrams;
        maxBodyBytes = maxBodyBytes == null ? 4 << 20 : maxBodyBytes;
        injectCanary = injectCanary != null && injectCanary;
    }

    /** All defaults. */
    public static OutputStageConfig defaults() {
        return new OutputStageConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether streams are inspected behind (audit) rather than held back (strict). */
    public boolean audit() {
        return streaming.equalsIgnoreCase("audit");
    }
}
