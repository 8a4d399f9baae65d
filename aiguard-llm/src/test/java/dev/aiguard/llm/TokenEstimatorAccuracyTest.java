package dev.aiguard.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiguard.llm.internal.train.Corpus;
import dev.aiguard.llm.internal.train.LabeledText;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Measures the hot-path estimator against jtokkit's exact counts on the prompt corpus (both labels), for each
 * encoding. The weights were fitted on the training split; the held-out split shows the error on unseen text.
 * Bound asserted: aggregate error within 5% (target 10%), median per-prompt error within 10%.
 */
class TokenEstimatorAccuracyTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4"})
    void estimatorStaysWithinTheDocumentedBoundOfJtokkit(String model) throws IOException {
        List<LabeledText> all = Corpus.load(SharedData.corpus());
        TokenCounter counter = TokenCounter.create();
        for (boolean heldOut : new boolean[] {true, false}) {
            List<LabeledText> texts = heldOut ? Corpus.heldOut(all) : all;
            long exact = 0;
            long estimated = 0;
            double[] relative = new double[texts.size()];
            int i = 0;
            for (LabeledText t : texts) {
                long e = counter.count(model, t.text());
                long est = counter.estimate(model, t.text());
                exact += e;
                estimated += est;
                relative[i++] = Math.abs(est - e) / (double) Math.max(1, e);
            }
            Arrays.sort(relative);
            double aggregate = (estimated - exact) / (double) exact;
            double median = relative[relative.length / 2];
            double p90 = relative[(int) (relative.length * 0.9)];
            System.out.printf(Locale.ROOT, "token estimator vs jtokkit (%s, %s, %d prompts): exact %d, estimated %d, "
                            + "aggregate error %+.2f%%, per-prompt median %.1f%%, p90 %.1f%%%n", model,
                    heldOut ? "held-out split" : "whole corpus", texts.size(), exact, estimated, 100 * aggregate,
                    100 * median, 100 * p90);
            assertThat(Math.abs(aggregate)).isLessThan(0.05);
            assertThat(median).isLessThan(0.10);
        }
    }
}
