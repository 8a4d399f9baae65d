package dev.aiguard.llm.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A coarse latency check of one 8 KB prompt through the whole detector (the JMH benchmark in {@code benchmarks} is the
 * real measurement; this test only guards against accidental super-linear work). The bound is loose because the CI
 * machine is shared.
 */
class PromptDetectorLatencyTest {

    @Test
    void eightKilobytePromptIsScoredInWellUnderTheStageBudget() throws IOException {
        PromptDetector detector = new PromptDetector(PromptModel.loadDefault());
        String paragraph = "Please review the attached quarterly report and summarise the key risks for the board. "
                + "Include revenue by region, churn, hiring plans and open legal matters, with one line each. ";
        String prompt = paragraph.repeat(8192 / paragraph.length() + 1).substring(0, 8192);
        for (int i = 0; i < 200; i++) {
            detector.detect(prompt + i);
        }
        long[] nanos = new long[300];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            detector.detect(prompt + i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1e6;
        double p99 = nanos[(int) (nanos.length * 0.99)] / 1e6;
        System.out.printf(Locale.ROOT, "prompt detector, 8 KB prompt: p50 %.3f ms, p99 %.3f ms%n", p50, p99);
        assertThat(p50).isLessThan(20.0);
    }
}
