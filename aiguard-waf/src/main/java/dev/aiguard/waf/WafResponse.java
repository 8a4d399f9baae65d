package dev.aiguard.waf;

import java.util.List;

/**
 * An HTTP response as the WAF inspects it (phases 3 and 4). Strings are byte strings.
 *
 * @param status   status code
 * @param protocol e.g. {@code HTTP/1.1}
 * @param headers  header fields in order
 * @param body     body bytes (copied); empty when none
 */
public record WafResponse(int status, String protocol, List<HttpHeader> headers, byte[] body) {

    public WafResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
        protocol = protocol == null ? "HTTP/1.1" : protocol;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as a byte string (one char per byte). */
    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
