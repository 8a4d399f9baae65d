package dev.aiguard.vertx.internal;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the {@link GuardRequest} for a Vert.x request: a field-by-field translation, no decisions. */
public final class RequestTranslator {

    private static final byte[] NO_BODY = new byte[0];

    private RequestTranslator() {
    }

    /**
     * @param body  the whole body as collected, or {@code null} when the request has none
     * @param limit how many body bytes the guard inspects; a longer body is marked truncated
     */
    public static GuardRequest translate(HttpServerRequest request, Buffer body, int limit) {
        int length = body == null ? 0 : body.length();
        int kept = Math.min(length, limit);
        return GuardRequest.builder()
                .method(request.method().name())
                .path(request.path() == null ? "/" : request.path())
                .rawQuery(request.query())
                .protocol(protocol(request.version()))
                .headers(headers(request.headers()))
                .remoteAddress(remote(request.remoteAddress()))
                .tlsPeer(tlsPeer(request))
                .maxBodyBytes(limit)
                .body(kept == 0 ? NO_BODY : body.getBytes(0, kept))
                .bodyTruncated(length > limit)
                .build();
    }

    /** Header lines in order, names as sent. */
    public static Headers headers(MultiMap map) {
        if (map.isEmpty()) {
            return Headers.empty();
        }
        List<Headers.Header> lines = new ArrayList<>(map.size());
        for (Map.Entry<String, String> entry : map) {
            lines.add(new Headers.Header(entry.getKey(), entry.getValue()));
        }
        return Headers.of(lines);
    }

    private static String protocol(HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            default -> "HTTP/2";
        };
    }

    /** The client's address; Vert.x gives an IP literal, so no name lookup happens here. */
    private static InetSocketAddress remote(SocketAddress address) {
        if (address == null || address.hostAddress() == null || address.hostAddress().isEmpty()) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(address.hostAddress()), Math.max(0, address.port()));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return InetSocketAddress.createUnresolved(address.hostAddress(), Math.max(0, address.port()));
        }
    }

    private static String tlsPeer(HttpServerRequest request) {
        if (!request.isSSL()) {
            return null;
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate cert) {
                return cert.getSubjectX500Principal().getName();
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate: nothing to report.
        }
        return null;
    }
}
