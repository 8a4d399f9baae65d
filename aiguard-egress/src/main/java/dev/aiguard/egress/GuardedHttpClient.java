package dev.aiguard.egress;

import dev.aiguard.egress.internal.HostHeaderSupport;
import dev.aiguard.egress.internal.PinnedClients;
import dev.aiguard.egress.internal.PinnedResponse;
import dev.aiguard.egress.internal.Redirects;
import dev.aiguard.egress.internal.Target;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link java.net.http.HttpClient} front that sends only to destinations the {@link EgressGuard} allows, connects to
 * exactly the addresses that were checked (no second DNS lookup, so DNS rebinding cannot swap the target), and
 * follows redirects itself, checking every hop.
 *
 * <p>How pinning works: the request is re-addressed to the checked IP ({@code https://203.0.113.7:443/path}), the
 * original {@code Host} header is set, and for HTTPS the delegate client carries the original host name as TLS SNI,
 * which the JDK also uses for certificate host name verification. Setting {@code Host} requires the JVM flag
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}; see {@code docs/egress.md} for the details and limits
 * (HTTP/1.1 only on pinned connections, one delegate client per TLS host name).
 */
public final class GuardedHttpClient {

    private final EgressGuard guard;
    private final PinnedClients clients;
    private final int maxRedirects;
    private final boolean sendHostHeader;

    private GuardedHttpClient(Builder b, boolean sendHostHeader) {
        this.guard = b.guard;
        this.clients = new PinnedClients(b.customizer, b.sslContext, b.sslParameters, b.maxDelegates);
        this.maxRedirects = b.maxRedirects;
        this.sendHostHeader = sendHostHeader;
    }

    public static Builder builder(EgressGuard guard) {
        return new Builder(guard);
    }

    /** The guard this client checks with. */
    public EgressGuard guard() {
        return guard;
    }

    /**
     * Sends {@code request}, following up to the configured number of redirects (each hop checked and pinned).
     *
     * @throws EgressDeniedException when the first URL or any redirect target is denied (enforce mode)
     * @throws IOException           on I/O errors, including too many redirects
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        URI uri = request.uri();
        String method = request.method();
        Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
        HttpHeaders headers = request.headers();
        HttpResponse<T> previous = null;
        for (int hop = 0; ; hop++) {
            EgressGuard.Checked checked = guard.checkUrl(uri.toString());
            if (checked.decision().denied()) {
                throw new EgressDeniedException(checked.decision());
            }
            HttpResponse.BodyHandler<T> hopHandler = maxRedirects == 0 ? handler : Redirects.discardingRedirects(handler);
            HttpResponse<T> response = new PinnedResponse<>(
                    exchange(checked, uri, method, body, headers, request, hopHandler), uri, previous);
            Optional<URI> next = maxRedirects == 0 ? Optional.empty() : Redirects.location(response, uri);
            if (next.isEmpty()) {
                return response;
            }
            if (hop >= maxRedirects) {
                throw new IOException("too many redirects (more than " + maxRedirects + ")");
            }
            Redirects.Hop follow = Redirects.follow(response.statusCode(), method, body, headers, uri, next.get());
            method = follow.method();
            body = follow.body();
            headers = follow.headers();
            uri = next.get();
            previous = response;
        }
    }

    private <T> HttpResponse<T> exchange(EgressGuard.Checked checked, URI uri, String method,
                                         Optional<HttpRequest.BodyPublisher> body, HttpHeaders headers,
                                         HttpRequest original, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Target target = checked.target();
        List<InetAddress> addresses = checked.decision().addresses();
        if (target == null || addresses.isEmpty()) {
            // Only reachable in monitor/off mode: nothing was checked, so behave like the plain client.
            return clients.unpinned().send(rebuild(uri, method, body, headers, original, null), handler);
        }
        ConnectException last = null;
        for (InetAddress address : addresses) {
            HttpRequest pinned = rebuild(target.uriFor(dev.aiguard.egress.internal.IpAddress.of(address)), method,
                    body, headers, original, sendHostHeader ? target.hostHeader() : null);
            try {
                return clients.forTarget(target).send(pinned, handler);
            } catch (ConnectException e) {
                last = e; // try the next checked address, as a resolver-driven client would
            }
        }
        throw last;
    }

    private static HttpRequest rebuild(URI uri, String method, Optional<HttpRequest.BodyPublisher> body,
                                       HttpHeaders headers, HttpRequest original, String hostHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(method, body.orElse(HttpRequest.BodyPublishers.noBody()))
                .expectContinue(original.expectContinue());
        original.timeout().ifPresent(b::timeout);
        original.version().ifPresent(b::version);
        headers.map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        if (hostHeader != null) {
            b.setHeader("Host", hostHeader);
            b.version(HttpClient.Version.HTTP_1_1);
        }
        return b.build();
    }

    /** Configures a guarded client. */
    public static final class Builder {

        private final EgressGuard guard;
        private Consumer<HttpClient.Builder> customizer = b -> { };
        private SSLContext sslContext;
        private SSLParameters sslParameters;
        private int maxRedirects = 5;
        private int maxDelegates = 64;
        private boolean permitIpHostHeader;

        private Builder(EgressGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
        }

        /**
         * Applies settings to every delegate {@link HttpClient.Builder} (timeouts, executor, authenticator, cookies).
         * Redirect following and proxies are always switched off afterwards: the guard follows redirects itself and a
         * proxy would resolve names on its own.
         */
        public Builder configure(Consumer<HttpClient.Builder> settings) {
            this.customizer = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** TLS parameters; the server name (SNI) is replaced per destination host. */
        public Builder sslParameters(SSLParameters parameters) {
            this.sslParameters = parameters;
            return this;
        }

        /** Redirects followed (default 5); 0 returns 3xx responses to the caller unfollowed. */
        public Builder maxRedirects(int max) {
            if (max < 0 || max > 50) {
                throw new IllegalArgumentException("maxRedirects must be 0-50");
            }
            this.maxRedirects = max;
            return this;
        }

        /** Bound on delegate clients kept (one per TLS host name); default 64. */
        public Builder maxDelegates(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDelegates must be >= 1");
            }
            this.maxDelegates = max;
            return this;
        }

        /**
         * Accept that, when the JVM does not allow setting {@code Host}, pinned requests carry the IP as Host header
         * (fine for IP-addressed services, wrong for virtual hosts).
         */
        public Builder permitIpHostHeader() {
            this.permitIpHostHeader = true;
            return this;
        }

        /**
         * @throws IllegalStateException when the JVM forbids the Host header and {@link #permitIpHostHeader()} was not
         *                               called
         */
        public GuardedHttpClient build() {
            boolean hostHeader = HostHeaderSupport.settable();
            if (!hostHeader && !permitIpHostHeader) {
                throw new IllegalStateException("pinned requests need the original Host header: start the JVM with "
                        + "-Djdk.httpclient.allowRestrictedHeaders=host (or call permitIpHostHeader())");
            }
            return new GuardedHttpClient(this, hostHeader);
        }
    }
}
