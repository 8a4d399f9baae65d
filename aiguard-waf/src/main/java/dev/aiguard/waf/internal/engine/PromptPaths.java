package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.LlmFields;
import dev.aiguard.waf.internal.body.ByteStrings;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the prompt field a JSON body argument belongs to, by its exact path: the field itself
 * ({@code messages[1].content}) or any value inside it (a tool result given as an object,
 * {@code messages[3].content.rows[0]}). Only prompts hidden from some rule family are kept: the others need no scoping.
 */
final class PromptPaths {

    private static final PromptPaths NONE = new PromptPaths(Map.of());

    private final Map<String, LlmFields.Prompt> byPath;

    private PromptPaths(Map<String, LlmFields.Prompt> byPath) {
        this.byPath = byPath;
    }

    static PromptPaths of(LlmFields llm) {
        if (llm == null) {
            return NONE;
        }
        Map<String, LlmFields.Prompt> map = new HashMap<>();
        for (LlmFields.Prompt p : llm.prompts()) {
            if (!p.hiddenFamilies().isEmpty()) {
                // JsonBody names members as byte strings; the parser's paths are Java strings.
                map.putIfAbsent(ByteStrings.fromText(p.path()), p);
            }
        }
        return map.isEmpty() ? NONE : new PromptPaths(map);
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** The prompt whose field is {@code path} or encloses it, or {@code null}. */
    LlmFields.Prompt promptAt(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            LlmFields.Prompt prompt = byPath.get(p);
            if (prompt != null) {
                return prompt;
            }
            p = parent(p);
        }
        return null;
    }

    /** {@code a.b[2]} -> {@code a.b} -> {@code a} -> {@code null}. */
    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
