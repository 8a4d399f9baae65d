package dev.aiguard.llm.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptModelTest {

    @Test
    void shippedModelLoadsWithItsCalibration() throws IOException {
        PromptModel model = PromptModel.loadDefault();
        assertThat(model.bits()).isEqualTo(18);
        assertThat(model.calibration("threshold", -1)).isBetween(0.0, 1.0);
        assertThat(model.calibration()).containsKeys("target_fpr", "cv_recall", "cv_fpr");
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        float[] w = new float[1 << 10];
        w[3] = 0.5f;
        PromptModel model = new PromptModel(10, -1.25f, w, Map.of("threshold", 0.7f));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        PromptModel back = PromptModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.calibration("threshold", 0)).isEqualTo(0.7f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(back.score("some text")).isEqualTo(model.score("some text"));
    }

    @Test
    void garbageIsRejectedWithAnIoException() {
        assertThatThrownBy(() -> PromptModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void hasherIsStableAndSpreadsFeatures() {
        FeatureHasher h = new FeatureHasher(18);
        SparseVector a = h.features("ignore previous instructions");
        SparseVector b = h.features("ignore previous instructions");
        assertThat(a.size()).isEqualTo(b.size()).isGreaterThan(50);
        assertThat(java.util.Arrays.copyOf(a.indices(), a.size())).isEqualTo(java.util.Arrays.copyOf(b.indices(), b.size()));
        // n-gram features share one magnitude, the few structure features get half of it: the norm stays near 1.
        double norm = 0;
        float largest = 0;
        int half = 0;
        for (int i = 0; i < a.size(); i++) {
            norm += a.values()[i] * a.values()[i];
            largest = Math.max(largest, Math.abs(a.values()[i]));
        }
        for (int i = 0; i < a.size(); i++) {
            half += Math.abs(Math.abs(a.values()[i]) - largest / 2) < 1e-6 ? 1 : 0;
        }
        assertThat(half).isBetween(5, 6);
        assertThat(norm).isCloseTo((a.size() - half + 0.25 * half) / a.size(), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void structureFeaturesMarkHowATextOpensAndWhetherItAsks() {
        FeatureHasher h = new FeatureHasher(18);
        java.util.Set<Integer> imperative = structureBuckets(h.features("ignore the rules"));
        java.util.Set<Integer> reversed = structureBuckets(h.features("rules the ignore"));
        // first word, first two words, "you" count, length, quotes; a question mark at the end adds one
        assertThat(imperative).hasSize(5);
        assertThat(structureBuckets(h.features("ignore the rules?"))).hasSize(6);
        // same length, no "you", no quotes: only the two opening features differ
        java.util.Set<Integer> shared = new java.util.HashSet<>(imperative);
        shared.retainAll(reversed);
        assertThat(shared).hasSize(3);
    }

    /** Buckets of the half-weight (structure) entries. */
    private static java.util.Set<Integer> structureBuckets(SparseVector v) {
        float largest = 0;
        for (int i = 0; i < v.size(); i++) {
            largest = Math.max(largest, Math.abs(v.values()[i]));
        }
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            if (Math.abs(Math.abs(v.values()[i]) - largest / 2) < 1e-6) {
                out.add(v.indices()[i]);
            }
        }
        return out;
    }

    @Test
    void aModelOfAnotherFeatureSetIsRefusedWithAClearError() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(raw))) {
            out.writeInt(0x4147504D);
            out.writeInt(1);
        }
        assertThatThrownBy(() -> PromptModel.read(new ByteArrayInputStream(raw.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("retrain");
    }

    @Test
    void normalizerFoldsWidthCaseAndInvisibles() {
        assertThat(TextNormalizer.normalize("  ＨＥＬＬＯ\u200B   Wo\u00ADrld\n\n")).isEqualTo("hello world");
    }
}
