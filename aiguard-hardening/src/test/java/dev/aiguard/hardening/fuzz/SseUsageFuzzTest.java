package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.llm.UsageStream;

/**
 * The SSE usage reader on arbitrary streams cut at arbitrary points: it never throws, and token counts are never negative (-1 means "not reported"): a negative count from a hostile upstream would refund a
 * budget.
 */
class SseUsageFuzzTest {

    @FuzzTest
    void streamsInAnyChunkingNeverThrow(FuzzedDataProvider data) {
        UsageStream stream = new UsageStream(data.consumeInt(16, 4096));
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 64));
            stream.feed(chunk);
        }
        stream.finish();
        check(stream.usage());
    }

    static void check(dev.aiguard.api.Usage usage) {
        if (usage != null && (usage.inputTokens() < -1 || usage.outputTokens() < -1)) {
            throw new IllegalStateException("negative token count: " + usage);
        }
    }
}
