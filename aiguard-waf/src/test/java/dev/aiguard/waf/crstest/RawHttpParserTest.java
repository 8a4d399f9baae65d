package dev.aiguard.waf.crstest;

import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RawHttpParserTest {

    private static ParsedRequest parse(String raw) {
        return RawHttpParser.parse(raw.getBytes(StandardCharsets.ISO_8859_1), "10.0.0.1", 80);
    }

    @Test
    void parsesRequestLineHeadersAndBody() {
        WafRequest r = parse("POST /a?b=1 HTTP/1.1\r\nHost: example:8080\r\nContent-Length: 3\r\n\r\nabcdef")
                .request();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/a?b=1");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        assertThat(r.serverName()).isEqualTo("example");
        assertThat(r.bodyText()).isEqualTo("abc");
    }

    @Test
    void repeatedHeadersAreMergedAsHttpdDoes() {
        WafRequest r = parse("GET / HTTP/1.1\r\nContent-Type: a\r\ncontent-type: b\r\n\r\n").request();
        assertThat(r.headers()).containsExactly(new HttpHeader("Content-Type", "a, b"));
    }

    @Test
    void chunkedBodiesAreDechunkedAndContentLengthDropped() {
        WafRequest r = parse("POST / HTTP/1.1\r\nContent-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nfoo\r\n4;ext\r\n=bar\r\n0\r\n\r\n").request();
        assertThat(r.bodyText()).isEqualTo("foo=bar");
        assertThat(r.headers()).extracting(HttpHeader::name).containsExactly("Transfer-Encoding");
    }

    @Test
    void bareCrInAHeaderIsRejected() {
        assertThat(parse("GET / HTTP/1.1\r\nX: a\rInjected: b\r\n\r\n").rejectedReason()).contains("bare CR");
    }

    @Test
    void foldedHeadersAreUnfoldedAndGarbageNeverThrows() {
        WafRequest r = parse("GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n").request();
        assertThat(r.headers()).containsExactly(new HttpHeader("X", "a b"));
        assertThat(parse("").request().method()).isEmpty();
        assertThat(parse("GET").request().uri()).isEmpty();
        assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").request().bodyText())
                .isEmpty();
    }
}
