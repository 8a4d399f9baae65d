package dev.aiguard.waf.internal.stage;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.PromptSegment;
import dev.aiguard.llm.SegmentSource;
import dev.aiguard.waf.CrsStageConfig;
import dev.aiguard.waf.LlmFields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the WAF's view of a request's LLM payload from the shared parse ({@link LlmPayloads#VIEW}): every prompt
 * segment with the rule families its role hides it from. Tool-call arguments are not prompt fields here: a tool will
 * execute them, so CRS keeps inspecting them as part of the envelope. Requests without an LLM payload get
 * {@code null}, i.e. plain CRS behaviour.
 */
final class LlmScoping {

    private final Map<SegmentSource, Set<Integer>> hidden = new EnumMap<>(SegmentSource.class);

    LlmScoping(CrsStageConfig.PromptScope scope) {
        for (SegmentSource source : SegmentSource.values()) {
            boolean prose = source != SegmentSource.TOOL_CALL_ARGUMENTS;
            hidden.put(source, scope.enabled() && prose ? scope.hiddenFamilies(source.policyName()) : Set.of());
        }
    }

    /** The LLM fields of {@code request}, or {@code null} when it carries no LLM payload. */
    LlmFields fieldsOf(GuardRequest request) {
        LlmRequest llm = LlmPayloads.of(request);
        if (!llm.isLlm()) {
            return null;
        }
        List<LlmFields.Prompt> prompts = new ArrayList<>(llm.segments().size());
        for (PromptSegment s : llm.segments()) {
            if (s.source() == SegmentSource.TOOL_CALL_ARGUMENTS) {
                continue;
            }
            prompts.add(new LlmFields.Prompt(s.source().policyName(), s.path(), byteString(s.text()),
                    hidden.get(s.source())));
        }
        return new LlmFields(llm.model(), llm.maxOutputTokens(), prompts);
    }

    private static String byteString(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
