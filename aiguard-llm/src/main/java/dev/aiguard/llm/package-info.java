/**
 * LLM-aware inspection: parsing of LLM API payloads ({@link dev.aiguard.llm.LlmPayloads}), usage extraction from
 * responses and streams ({@link dev.aiguard.llm.UsageReader}), token counting ({@link dev.aiguard.llm.TokenCounter})
 * and the {@code type: prompt} stage configured by {@link dev.aiguard.llm.PromptStageConfig}.
 *
 * <p>Everything outside this package ({@code dev.aiguard.llm.internal.*}) is implementation and may change.
 */
package dev.aiguard.llm;
