package dev.aiguard.grpc.internal;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.TlsPeerNames;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the {@link GuardRequest} for a gRPC call: a field-by-field translation, no decisions.
 *
 * <ul>
 *   <li>method {@code POST} (every gRPC call is one), path {@code /package.Service/Method}, protocol {@code HTTP/2.0};
 *   <li>headers: the call's metadata in order ({@code -bin} values Base64-encoded, as on the wire), {@code Host} from
 *       the call's authority when the metadata has none, and {@code Content-Type} naming the body the guard sees
 *       (the JSON view) rather than {@code application/grpc};
 *   <li>remote address, TLS peer subject and its subject alternative names from the transport attributes; the body
 *       is the {@link MessageView}.
 * </ul>
 */
public final class RequestTranslator {

    private static final String CONTENT_TYPE = "content-type";

    private RequestTranslator() {
    }

    public static GuardRequest translate(ServerCall<?, ?> call, Metadata metadata, MessageView.Body body,
                                         int maxBodyBytes) {
        X509Certificate peer = peerCertificate(call.getAttributes());
        return GuardRequest.builder()
                .method("POST")
                .path("/" + call.getMethodDescriptor().getFullMethodName())
                .protocol("HTTP/2.0")
                .headers(headers(metadata, call.getAuthority(), body.contentType()))
                .remoteAddress(remote(call.getAttributes()))
                .tlsPeer(peer == null ? null : peer.getSubjectX500Principal().getName())
                .tlsPeerNames(peer == null ? List.of() : TlsPeerNames.of(peer))
                .maxBodyBytes(maxBodyBytes)
                .body(body.bytes())
                .build();
    }

    static Headers headers(Metadata metadata, String authority, String contentType) {
        List<Headers.Header> lines = new ArrayList<>(metadata.keys().size() + 2);
        boolean host = false;
        for (String name : metadata.keys()) {
            if (name.equals(CONTENT_TYPE)) {
                continue;
            }
            host |= name.equals("host");
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Iterable<byte[]> values = metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
                for (byte[] value : values == null ? List.<byte[]>of() : values) {
                    lines.add(new Headers.Header(name, Base64.getEncoder().withoutPadding().encodeToString(value)));
                }
            } else {
                Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
                for (String value : values == null ? List.<String>of() : values) {
                    lines.add(new Headers.Header(name, value));
                }
            }
        }
        if (!host && authority != null && !authority.isEmpty()) {
            lines.add(0, new Headers.Header("host", authority));
        }
        if (!contentType.isEmpty()) {
            lines.add(new Headers.Header(CONTENT_TYPE, contentType));
        }
        return Headers.of(lines);
    }

    private static InetSocketAddress remote(Attributes attributes) {
        SocketAddress address = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /** The verified client certificate; the transport has already checked the chain. */
    private static X509Certificate peerCertificate(Attributes attributes) {
        SSLSession session = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
