package dev.aiguard.llm.internal.tokens;

import java.util.Locale;

/** Which tokenizer a model name implies. */
public enum EncodingFamily {
    /** {@code o200k_base}: GPT-4o, GPT-4.1, GPT-4.5, GPT-5, o1/o3/o4, gpt-oss. */
    O200K,
    /** {@code cl100k_base}: GPT-4, GPT-3.5, text-embedding-ada-002 and text-embedding-3. */
    CL100K,
    /** Anything else: counted with a configurable characters-per-token ratio. */
    UNKNOWN;

    private static final String[] O200K_PREFIXES = {
        "gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "gpt-oss", "codex-"
    };
    private static final String[] CL100K_PREFIXES = {
        "gpt-4", "gpt-3.5", "gpt-35", "text-embedding-ada-002", "text-embedding-3"
    };

    /** The family of a model name; provider prefixes such as {@code openai/} or {@code azure/} are ignored. */
    public static EncodingFamily of(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        // o200k prefixes first: "gpt-4o" also starts with "gpt-4".
        for (String p : O200K_PREFIXES) {
            if (m.startsWith(p)) {
                return O200K;
            }
        }
        for (String p : CL100K_PREFIXES) {
            if (m.startsWith(p)) {
                return CL100K;
            }
        }
        return UNKNOWN;
    }
}
