package dev.aiguard.waf.crstest;

import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.WafResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlbedoBackendTest {

    private static WafResponse respond(String uri, String body) {
        WafRequest request = new WafRequest("POST", uri, "HTTP/1.1", List.of(), "1.2.3.4", 1, "localhost", 80,
                body.getBytes(StandardCharsets.UTF_8));
        return new AlbedoBackend().respond(request);
    }

    @Test
    void reflectAnswersWithTheGivenResponse() {
        WafResponse r = respond("/reflect", "{\"status\":503,\"headers\":{\"X-A\":\"b\"},\"body\":\"hello\"}");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers()).contains(new HttpHeader("X-A", "b"), new HttpHeader("Content-Length", "5"));
        assertThat(r.bodyText()).isEqualTo("hello");
    }

    @Test
    void encodedBodyIsBase64() {
        assertThat(respond("/reflect", "{\"encodedBody\":\"aGk=\"}").bodyText()).isEqualTo("hi");
    }

    @Test
    void otherPathsGetAnEmptyOk() {
        WafResponse r = respond("/anything", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<html><body>x</body></html> | text/html; charset=utf-8",
        "<?xml version='1.0'?><a/>   | text/xml; charset=utf-8",
        "plain words                 | text/plain; charset=utf-8",
    })
    void missingContentTypeIsSniffedLikeGo(String body, String expected) {
        assertThat(AlbedoBackend.sniff(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
