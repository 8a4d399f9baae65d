package dev.aiguard.cli.internal.serve;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Jetty's reverse proxy, pointed at one upstream inference server. Requests keep their path (appended to the
 * upstream's base path) and raw query. Response content is relayed chunk by chunk as it arrives, so server-sent event
 * streams stay streams.
 */
public final class UpstreamProxy extends ProxyHandler.Reverse {

    private final Duration idleTimeout;

    /**
     * @param upstream    base URI, {@code http} or {@code https}, e.g. {@code http://127.0.0.1:8000}
     * @param idleTimeout how long the upstream may stay silent (a long completion without streaming)
     */
    public UpstreamProxy(URI upstream, Duration idleTimeout) {
        super(request -> rewrite(upstream, request));
        this.idleTimeout = idleTimeout;
    }

    /**
     * Checks an upstream URI: absolute, {@code http} or {@code https}, with a host, no query or fragment.
     *
     * @return a message saying what is wrong, or {@code null} when it is usable
     */
    public static String problemWith(URI upstream) {
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (upstream.getHost() == null) {
            return "must name a host";
        }
        if (upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        return null;
    }

    static HttpURI rewrite(URI upstream, Request request) {
        String base = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpURI incoming = request.getHttpURI();
        String path = incoming.getPath() == null || incoming.getPath().isEmpty() ? "/" : incoming.getPath();
        return HttpURI.build(upstream.toString()).path(base + path).query(incoming.getQuery()).asImmutable();
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setIdleTimeout(idleTimeout.toMillis());
    }
}
