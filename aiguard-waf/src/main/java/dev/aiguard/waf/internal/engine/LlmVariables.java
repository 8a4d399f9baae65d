package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.LlmFields;
import dev.aiguard.waf.internal.body.ByteStrings;

/**
 * Fills the {@code LLM_*} variables from a request's LLM payload. Prompt collections are keyed by the segment's JSON
 * path ({@code LLM_USER:messages[1].content}), so {@code &LLM_USER} counts user segments and a key regex can pick
 * turns; {@code LLM_TOOL_RESULT} holds tool results and retrieved documents (third-party text); {@code LLM_PROMPT}
 * holds every segment. {@code LLM_MODEL} is set whenever there is a payload, {@code LLM_MAX_TOKENS} only when the
 * request sets a limit.
 */
final class LlmVariables {

    private LlmVariables() {
    }

    static void populate(LlmFields llm, VariableStore vars) {
        if (llm == null) {
            return;
        }
        vars.set(Variable.LLM_MODEL, ByteStrings.fromText(llm.model()));
        if (llm.maxTokens() >= 0) {
            vars.set(Variable.LLM_MAX_TOKENS, Long.toString(llm.maxTokens()));
        }
        for (LlmFields.Prompt p : llm.prompts()) {
            String key = ByteStrings.fromText(p.path());
            vars.add(Variable.LLM_PROMPT, key, p.text());
            Variable byRole = switch (p.role()) {
                case "system" -> Variable.LLM_SYSTEM;
                case "user" -> Variable.LLM_USER;
                case "assistant" -> Variable.LLM_ASSISTANT;
                case "tool_result", "retrieved_document" -> Variable.LLM_TOOL_RESULT;
                default -> null;
            };
            if (byRole != null) {
                vars.add(byRole, key, p.text());
            }
        }
    }
}
