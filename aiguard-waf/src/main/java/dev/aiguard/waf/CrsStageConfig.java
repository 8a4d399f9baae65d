package dev.aiguard.waf;

import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code type: crs} stage: runs the OWASP Core Rule Set (v4, or v3.3) from a directory.
 *
 * @param directory              CRS directory holding {@code rules/} and {@code crs-setup.conf(.example)}; required
 * @param paranoiaLevel          blocking paranoia level 1-4; default 1
 * @param detectionParanoiaLevel paranoia level rules run at (>= paranoiaLevel; higher levels only log); default = paranoiaLevel
 * @param inboundThreshold       inbound anomaly score that blocks; default 5
 * @param outboundThreshold      outbound anomaly score that blocks; default 4
 * @param engine                 regex engine: {@code auto} (Hyperscan where it loads, else RE2/J), {@code hyperscan} or {@code re2j}
 * @param removeRules            rule ids or ranges ({@code 942100}, {@code 942100-942199}) removed at load
 * @param removeTags             rules carrying one of these tags are removed at load
 * @param removeTargets          targets taken out of single rules ({@code {rule: 942100, target: ARGS:prompt}})
 * @param extraRules             further SecLang files loaded after the CRS (your own or AI-specific rules)
 * @param prompts                which CRS rule families see the prompt fields of LLM payloads (default:
 *                               {@link PromptScope#DEFAULT_EXCLUDED_FAMILIES} are kept off prompt text)
 * @param responses              whether and how the CRS response rules (phases 3 and 4: RESPONSE-950..959 data
 *                               leakage) inspect responses; default off
 */
public record CrsStageConfig(String directory, Integer paranoiaLevel, Integer detectionParanoiaLevel,
                             Integer inboundThreshold, Integer outboundThreshold, String engine,
                             List<String> removeRules, List<String> removeTags, List<TargetExclusion> removeTargets,
                             List<String> extraRules, PromptScope prompts, ResponseScope responses) {

    public CrsStageConfig {
        paranoiaLevel = paranoiaLevel == null ? 1 : paranoiaLevel;
        detectionParanoiaLevel = detectionParanoiaLevel == null ? paranoiaLevel : detectionParanoiaLevel;
        inboundThreshold = inboundThreshold == null ? 5 : inboundThreshold;
        outboundThreshold = outboundThreshold == null ? 4 : outboundThreshold;
        engine = engine == null ? "auto" : engine;
        removeRules = removeRules == null ? List.of() : List.copyOf(removeRules);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
        removeTargets = removeTargets == null ? List.of() : List.copyOf(removeTargets);
        extraRules = extraRules == null ? List.of() : List.copyOf(extraRules);
        prompts = prompts == null ? new PromptScope(null, null, null) : prompts;
        responses = responses == null ? new ResponseScope(null, null, null) : responses;
    }

    /**
     * The response side of the CRS stage.
     *
     * <pre>
     * responses:
     *   enabled: true        # run phases 3 and 4 (RESPONSE-950..959) over responses; default false
     *   streaming: audit     # audit: forward at once, evaluate at the end; strict: hold the body until evaluated
     *   maxBodyBytes: 524288 # body kept for phase 4 (CRS's SecResponseBodyLimit); strict forwards beyond it
     * </pre>
     *
     * @param enabled      default false
     * @param streaming    {@code audit} (default) or {@code strict}
     * @param maxBodyBytes default 512 KiB
     */
    public record ResponseScope(Boolean enabled, String streaming, Integer maxBodyBytes) {

        public ResponseScope {
            enabled = enabled != null && enabled;
            streaming = streaming == null ? "audit" : streaming;
            maxBodyBytes = maxBodyBytes == null ? 512 * 1024 : maxBodyBytes;
        }

        /** Whether a response is held until evaluated. */
        public boolean strict() {
            return "strict".equalsIgnoreCase(streaming);
        }
    }

    /**
     * One target removed from one rule.
     *
     * @param rule   rule id
     * @param target SecLang target, e.g. {@code ARGS:prompt} or {@code REQUEST_HEADERS:User-Agent}
     */
    public record TargetExclusion(String rule, String target) {
    }

    /**
     * Field scoping for LLM payloads. When the request body is an LLM payload (OpenAI, Anthropic, Gemini, Ollama...),
     * CRS sees the envelope (URI, headers, non-prompt JSON fields, tool-call arguments) in full, while each prompt
     * field (system, user, assistant, tool_result, retrieved_document) is hidden in ARGS/ARGS_POST from the rule
     * families listed for its role. Families are rule id / 1000 ({@code "942"}) or {@code "*"} for every rule.
     *
     * @param enabled         {@code false}: prompt fields are ordinary JSON arguments for every rule; default true
     * @param excludeFamilies families hidden from prompt fields of every role; default
     *                        {@link #DEFAULT_EXCLUDED_FAMILIES}
     * @param roles           per role ({@code user}, {@code system}, ...), families that replace {@code excludeFamilies}
     */
    public record PromptScope(Boolean enabled, List<String> excludeFamilies, Map<String, RoleScope> roles) {

        /**
         * The injection families (930 LFI, 931 RFI, 932 RCE, 933 PHP, 934 generic, 941 XSS, 942 SQLi, 943 session
         * fixation, 944 Java): they target interpreters on the server, which prompt text never reaches. Measured on
         * {@code chat-benign-dev.jsonl} in docs/llm.md.
         */
        public static final List<String> DEFAULT_EXCLUDED_FAMILIES =
                List.of("930", "931", "932", "933", "934", "941", "942", "943", "944");

        public PromptScope {
            enabled = enabled == null || enabled;
            excludeFamilies = excludeFamilies == null ? DEFAULT_EXCLUDED_FAMILIES : List.copyOf(excludeFamilies);
            roles = roles == null ? Map.of() : Map.copyOf(roles);
        }

        /** The families hidden from a role's prompt fields, as numbers ({@code 0} for {@code "*"}). */
        public java.util.Set<Integer> hiddenFamilies(String role) {
            RoleScope scope = roles.get(role);
            List<String> families = scope != null && scope.excludeFamilies() != null ? scope.excludeFamilies()
                    : excludeFamilies;
            java.util.Set<Integer> out = new java.util.HashSet<>();
            for (String f : families) {
                String t = f == null ? "" : f.trim();
                if (t.equals("*")) {
                    out.add(0);
                } else if (t.matches("\\d{3}")) {
                    out.add(Integer.parseInt(t));
                }
            }
            return java.util.Set.copyOf(out);
        }
    }

    /**
     * Scoping of one role.
     *
     * @param excludeFamilies families hidden from this role's prompt fields ({@code []}: CRS sees them in full)
     */
    public record RoleScope(List<String> excludeFamilies) {
    }
}
