package dev.aiguard.waf.crstest;

import java.util.List;
import java.util.Map;

/**
 * A go-ftw stage input, with go-ftw's defaults applied. Strings are as written in the YAML (Unicode).
 *
 * @param destAddr            {@code dest_addr}
 * @param port                {@code port}
 * @param method              {@code method} (default GET)
 * @param uri                 {@code uri} (default /)
 * @param version             {@code version} (default HTTP/1.1)
 * @param headers             {@code headers} in file order
 * @param data                {@code data}, or {@code null}
 * @param encodedRequest      {@code encoded_request} (base64 raw request), or {@code null}
 * @param autocompleteHeaders {@code autocomplete_headers} (default true)
 */
public record FtwInput(String destAddr, int port, String method, String uri, String version,
                       List<Map.Entry<String, String>> headers, String data, String encodedRequest,
                       boolean autocompleteHeaders) {
    public FtwInput {
        headers = List.copyOf(headers);
    }
}
