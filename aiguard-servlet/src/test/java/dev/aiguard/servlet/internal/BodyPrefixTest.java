package dev.aiguard.servlet.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BodyPrefixTest {

    /** Hands out at most 3 bytes per read, as a network stream may. */
    private static InputStream trickling(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @ParameterizedTest(name = "{0} bytes, limit {1}, declared {2}: truncated={3}")
    @CsvSource({
        "0, 10, -1, false",
        "5, 10, 5, false",
        "10, 10, 10, false",
        "11, 10, 11, true",
        "1000, 10, -1, true",
        "1000, 10, 1000, true",
        "5, 0, -1, true",
        "0, 0, -1, false",
        "20000, 65536, -1, false",
    })
    void readsUpToOneBytePastTheLimitAndInspectsAtMostTheLimit(int size, int limit, long declared, boolean truncated)
            throws IOException {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'a');
        InputStream in = trickling(data);

        BodyPrefix prefix = BodyPrefix.read(in, limit, declared);

        assertThat(prefix.truncated()).isEqualTo(truncated);
        assertThat(prefix.inspected()).hasSize(Math.min(size, limit));
        assertThat(prefix.length()).isEqualTo(Math.min(size, limit + 1));
        assertThat(in.readAllBytes()).hasSize(size - prefix.length());
    }
}
