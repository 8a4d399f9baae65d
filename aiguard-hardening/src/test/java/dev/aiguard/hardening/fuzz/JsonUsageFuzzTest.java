package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.llm.UsageReader;

/** The JSON usage reader on arbitrary response bodies: it never throws, and token counts are never below -1. */
class JsonUsageFuzzTest {

    @FuzzTest
    void jsonBodiesNeverThrow(byte[] body) {
        SseUsageFuzzTest.check(UsageReader.fromJson(body));
    }
}
