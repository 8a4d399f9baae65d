package dev.aiguard.servlet.internal;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.TlsPeerNames;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/** Builds the {@link GuardRequest} for a servlet request: a field-by-field translation, no decisions. */
public final class RequestTranslator {

    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private RequestTranslator() {
    }

    /** Whether the request may carry a body worth reading: anything but a declared length of 0. */
    public static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() != 0;
    }

    /**
     * Reads the body prefix the guard inspects. With a limit of 0 nothing is read (the container keeps the body
     * untouched, so {@code getParts()} and the like still work) and a declared or chunked body counts as truncated.
     */
    public static BodyPrefix readBody(HttpServletRequest request, int limit) throws IOException {
        if (!hasBody(request)) {
            return BodyPrefix.empty();
        }
        if (limit == 0) {
            boolean present = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
            return new BodyPrefix(new byte[0], 0, present, 0);
        }
        return BodyPrefix.read(request.getInputStream(), limit, request.getContentLengthLong());
    }

    public static GuardRequest translate(HttpServletRequest request, BodyPrefix body) {
        String query = request.getQueryString();
        return GuardRequest.builder()
                .method(request.getMethod())
                .path(request.getRequestURI())
                .rawQuery(query)
                .protocol(request.getProtocol())
                .headers(headers(request))
                .remoteAddress(remote(request))
                .tlsPeer(tlsPeer(request))
                .tlsPeerNames(tlsPeerNames(request))
                .maxBodyBytes(Math.max(body.limit(), body.length()))
                .body(body.inspected())
                .bodyTruncated(body.truncated())
                .build();
    }

    static Headers headers(HttpServletRequest request) {
        List<Headers.Header> lines = new ArrayList<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                lines.add(new Headers.Header(name, values.nextElement()));
            }
        }
        return Headers.of(lines);
    }

    /** The client's address; the container gives an IP literal, so no name lookup happens here. */
    private static InetSocketAddress remote(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.isEmpty()) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(stripBrackets(address)), request.getRemotePort());
        } catch (UnknownHostException | IllegalArgumentException e) {
            return InetSocketAddress.createUnresolved(address, Math.max(0, request.getRemotePort()));
        }
    }

    private static String stripBrackets(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    private static List<String> tlsPeerNames(HttpServletRequest request) {
        if (request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
            return TlsPeerNames.of(chain[0]);
        }
        return List.of();
    }

    private static String tlsPeer(HttpServletRequest request) {
        if (request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
            return chain[0].getSubjectX500Principal().getName();
        }
        return null;
    }
}
