package dev.aiguard.grpc.internal;

import dev.aiguard.api.Headers;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTranslatorTest {

    private static Metadata metadata() {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer abc");
        m.put(Metadata.Key.of("x-tag", Metadata.ASCII_STRING_MARSHALLER), "one");
        m.put(Metadata.Key.of("x-tag", Metadata.ASCII_STRING_MARSHALLER), "two");
        m.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[]{0, 1, (byte) 0xfe});
        m.put(Metadata.Key.of("content-type", Metadata.ASCII_STRING_MARSHALLER), "application/grpc");
        return m;
    }

    @Test
    void metadataBecomesHeadersInOrderWithEveryValue() {
        Headers headers = RequestTranslator.headers(metadata(), "svc.local:8001", MessageView.JSON);

        assertThat(headers.first("Authorization")).contains("Bearer abc");
        assertThat(headers.all("x-tag")).containsExactly("one", "two");
    }

    @Test
    void binaryMetadataIsBase64AsOnTheWire() {
        Headers headers = RequestTranslator.headers(metadata(), "svc.local:8001", MessageView.JSON);

        assertThat(headers.first("trace-bin")).contains("AAH+");
    }

    @Test
    void contentTypeNamesTheViewTheGuardSees() {
        Headers headers = RequestTranslator.headers(metadata(), "svc.local:8001", MessageView.JSON);

        assertThat(headers.all("content-type")).containsExactly("application/json");
    }

    @Test
    void emptyViewHasNoContentType() {
        Headers headers = RequestTranslator.headers(metadata(), "svc.local:8001", "");

        assertThat(headers.contains("content-type")).isFalse();
    }

    @Test
    void authorityBecomesTheFirstHostHeader() {
        Headers headers = RequestTranslator.headers(metadata(), "svc.local:8001", MessageView.JSON);

        assertThat(headers.lines().get(0)).isEqualTo(new Headers.Header("host", "svc.local:8001"));
    }

    @Test
    void noAuthorityMeansNoHost() {
        assertThat(RequestTranslator.headers(new Metadata(), null, "").contains("host")).isFalse();
    }
}
