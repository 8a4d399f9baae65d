package dev.aiguard.egress.internal;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The delegate {@link HttpClient}s behind a guarded client. A request addressed to an IP literal gets no SNI from the
 * JDK, which then falls back to the server names in the client's {@link SSLParameters}; so each TLS host name gets
 * its own delegate whose parameters name that host. The JDK's trust manager verifies the certificate against the SNI
 * name. Plain HTTP and IP-literal hosts share one delegate. Bounded LRU.
 */
public final class PinnedClients {

    private final Consumer<HttpClient.Builder> customizer;
    private final SSLContext sslContext;
    private final SSLParameters sslParameters;
    private final int max;
    private final HttpClient shared;
    private final Map<String, HttpClient> byServerName;

    public PinnedClients(Consumer<HttpClient.Builder> customizer, SSLContext sslContext, SSLParameters sslParameters,
                         int max) {
        this.customizer = customizer;
        this.sslContext = sslContext;
        this.sslParameters = sslParameters;
        this.max = max;
        this.shared = create(null);
        this.byServerName = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
                return size() > PinnedClients.this.max;
            }
        };
    }

    /** The delegate for a target: per host name for TLS, shared otherwise. */
    public HttpClient forTarget(Target target) {
        boolean tls = target.scheme().equals("https") || target.scheme().equals("wss");
        if (!tls || target.host().isIp()) {
            return shared;
        }
        String name = target.host().name();
        synchronized (byServerName) {
            return byServerName.computeIfAbsent(name, this::create);
        }
    }

    /** The delegate for requests sent without pinning (monitor/off mode when nothing was checked). */
    public HttpClient unpinned() {
        return shared;
    }

    private HttpClient create(String serverName) {
        HttpClient.Builder b = HttpClient.newBuilder();
        customizer.accept(b);
        b.followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY);
        SSLContext context = sslContext != null ? sslContext : defaultContext();
        b.sslContext(context);
        SSLParameters params = copy(sslParameters != null ? sslParameters : context.getDefaultSSLParameters());
        if (serverName != null) {
            try {
                params.setServerNames(List.of(new SNIHostName(serverName)));
            } catch (IllegalArgumentException e) {
                // Not a valid SNI name (e.g. contains '_'): no SNI; certificate checks then use the IP and fail closed.
                params.setServerNames(List.of());
            }
        }
        b.sslParameters(params);
        return b.build();
    }

    private static SSLParameters copy(SSLParameters p) {
        SSLParameters c = new SSLParameters(p.getCipherSuites(), p.getProtocols());
        c.setEndpointIdentificationAlgorithm(p.getEndpointIdentificationAlgorithm());
        c.setAlgorithmConstraints(p.getAlgorithmConstraints());
        c.setUseCipherSuitesOrder(p.getUseCipherSuitesOrder());
        if (p.getNeedClientAuth()) {
            c.setNeedClientAuth(true);
        } else if (p.getWantClientAuth()) {
            c.setWantClientAuth(true);
        }
        return c;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}
