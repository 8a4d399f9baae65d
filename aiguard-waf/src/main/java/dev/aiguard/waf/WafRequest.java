package dev.aiguard.waf;

import java.util.List;

/**
 * An HTTP request as the WAF inspects it. Strings are byte strings (ISO-8859-1 view of the raw bytes).
 *
 * @param method     request method as sent, e.g. {@code GET}
 * @param uri        request target as sent on the request line: origin form ({@code /a?b=1}), absolute form
 *                   ({@code http://host/a}), {@code *} or an authority (CONNECT)
 * @param protocol   e.g. {@code HTTP/1.1}
 * @param headers    header fields in the order received (duplicates allowed)
 * @param remoteAddr client address
 * @param remotePort client port
 * @param serverName server name (usually the Host header without port)
 * @param serverPort server port
 * @param body       request body bytes (empty when none); the array is copied
 */
public record WafRequest(String method, String uri, String protocol, List<HttpHeader> headers, String remoteAddr,
                         int remotePort, String serverName, int serverPort, byte[] body) {

    public WafRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
        method = method == null ? "" : method;
        uri = uri == null ? "" : uri;
        protocol = protocol == null ? "" : protocol;
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        serverName = serverName == null ? "" : serverName;
    }

    /** The body bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Body length without copying. */
    public int bodyLength() {
        return body.length;
    }

    /** The body as a byte string (one char per byte). */
    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
