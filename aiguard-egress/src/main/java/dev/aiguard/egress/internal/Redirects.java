package dev.aiguard.egress.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;

/** Redirect handling for the guarded client: which responses redirect, where to, and what the next request is. */
public final class Redirects {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language",
            "content-location");

    /**
     * The next request's method, body and headers.
     *
     * @param method  method for the next hop
     * @param body    body for the next hop
     * @param headers headers for the next hop
     */
    public record Hop(String method, Optional<HttpRequest.BodyPublisher> body, HttpHeaders headers) {
    }

    private Redirects() {
    }

    /** Redirect responses get their body discarded (null body); everything else goes to {@code handler}. */
    public static <T> HttpResponse.BodyHandler<T> discardingRedirects(HttpResponse.BodyHandler<T> handler) {
        return info -> REDIRECTS.contains(info.statusCode()) && info.headers().firstValue("location").isPresent()
                ? HttpResponse.BodySubscribers.replacing(null) : handler.apply(info);
    }

    /**
     * Where a redirect response points (resolved against the request URI), if it is one.
     *
     * @throws IOException when the Location header is not a URI reference
     */
    public static Optional<URI> location(HttpResponse<?> response, URI current) throws IOException {
        if (!REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().firstValue("location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI base = current.getRawPath() == null || current.getRawPath().isEmpty() ? current.resolve("/") : current;
            return Optional.of(base.resolve(new URI(location.get().strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("redirect Location is not a valid URI reference", e);
        }
    }

    /**
     * The next hop per RFC 9110 section 15.4 and browser practice: 303 (and 301/302 after POST) become GET without
     * body; 307/308 repeat method and body. Credentials are dropped when the origin changes.
     */
    public static Hop follow(int status, String method, Optional<HttpRequest.BodyPublisher> body, HttpHeaders headers,
                             URI from, URI to) {
        boolean toGet = (status == 303 && !method.equals("HEAD"))
                || ((status == 301 || status == 302) && method.equals("POST"));
        boolean sameOrigin = sameOrigin(from, to);
        Map<String, List<String>> next = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean drop = (!sameOrigin && CREDENTIALS.contains(lower)) || (toGet && BODY_HEADERS.contains(lower));
            if (!drop) {
                next.put(name, values);
            }
        });
        HttpHeaders nextHeaders = HttpHeaders.of(next, (a, b) -> true);
        return toGet ? new Hop("GET", Optional.empty(), nextHeaders) : new Hop(method, body, nextHeaders);
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()),
                lower(b.getHost())) && effectivePort(a) == effectivePort(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int effectivePort(URI u) {
        return u.getPort() >= 0 ? u.getPort() : Target.defaultPort(lower(u.getScheme()));
    }
}
