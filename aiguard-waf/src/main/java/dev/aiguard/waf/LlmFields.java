package dev.aiguard.waf;

import java.util.List;
import java.util.Set;

/**
 * The LLM payload of a request as the WAF sees it: the prompt fields of the JSON body (found by the LLM payload
 * parser), the model and the output-token limit. Given to {@link SecLangEngine#newTransaction(WafRequest, LlmFields)},
 * it does two things:
 * <ul>
 *   <li>fills the SecLang variables {@code LLM_PROMPT}, {@code LLM_SYSTEM}, {@code LLM_USER}, {@code LLM_ASSISTANT},
 *       {@code LLM_TOOL_RESULT} (collections keyed by JSON path), {@code LLM_MODEL} and {@code LLM_MAX_TOKENS}
 *       (scalars);</li>
 *   <li>scopes {@code ARGS}/{@code ARGS_POST}: a JSON body argument whose path is (or lies inside) a prompt field is
 *       hidden from the rule families that prompt lists in {@link Prompt#hiddenFamilies()}. Everything else (URI,
 *       headers, other JSON fields, tool-call arguments) stays visible to every rule.</li>
 * </ul>
 *
 * @param model     the requested model ({@code ""} when none); the value of {@code LLM_MODEL}
 * @param maxTokens the output-token limit, or a negative number when the request sets none ({@code LLM_MAX_TOKENS}
 *                  is then unset)
 * @param prompts   the prompt fields in document order
 */
public record LlmFields(String model, long maxTokens, List<Prompt> prompts) {

    /** Role names that have a variable of their own; other roles are only in {@code LLM_PROMPT}. */
    public static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool_result", "retrieved_document");

    public LlmFields {
        model = model == null ? "" : model;
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }

    /**
     * One prompt field.
     *
     * @param role           segment source in policy spelling: {@code system}, {@code user}, {@code assistant},
     *                       {@code tool_result}, {@code retrieved_document}
     * @param path           JSON path in the body, e.g. {@code messages[1].content[0].text}
     * @param text           the text as a byte string (ISO-8859-1 view of its UTF-8 bytes)
     * @param hiddenFamilies rule families (rule id / 1000, e.g. {@code 932}) that do not see this field in ARGS;
     *                       {@code 0} in the set hides it from every rule
     */
    public record Prompt(String role, String path, String text, Set<Integer> hiddenFamilies) {
        public Prompt {
            role = role == null ? "" : role;
            path = path == null ? "" : path;
            text = text == null ? "" : text;
            hiddenFamilies = hiddenFamilies == null ? Set.of() : Set.copyOf(hiddenFamilies);
        }

        /** Whether a rule of {@code family} (rule id / 1000) must not see this field. */
        public boolean hiddenFrom(int family) {
            return !hiddenFamilies.isEmpty() && (hiddenFamilies.contains(family) || hiddenFamilies.contains(0));
        }
    }
}
