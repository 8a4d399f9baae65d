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
        double norm = 0;
        for (int i = 0; i < a.size(); i++) {
            norm += a.values()[i] * a.values()[i];
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void normalizerFoldsWidthCaseAndInvisibles() {
        assertThat(TextNormalizer.normalize("  ＨＥＬＬＯ\u200B   Wo\u00ADrld\n\n")).isEqualTo("hello world");
    }
}
