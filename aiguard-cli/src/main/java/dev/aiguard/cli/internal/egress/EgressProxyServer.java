package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.EventSink;
import dev.aiguard.cli.internal.jetty.JettyServer;

import java.net.URI;
import java.time.Duration;

/**
 * {@code aiguard serve --egress-proxy}: a forward proxy (HTTP and HTTPS {@code CONNECT}) that applies the egress
 * policy to every connection, for workloads that set {@code HTTP_PROXY}/{@code HTTPS_PROXY}.
 */
public final class EgressProxyServer implements AutoCloseable {

    /** How long a tunnel or forwarded exchange may stay idle. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final JettyServer.Settings SETTINGS =
            new JettyServer.Settings("aiguard-egress", 200, 4, false, IDLE_TIMEOUT);

    private final JettyServer server;

    private EgressProxyServer(JettyServer server) {
        this.server = server;
    }

    /**
     * Starts the proxy on {@code host:port} (0 picks a free port).
     *
     * @param sink receives one event per connection (allowed, denied, would-deny)
     */
    public static EgressProxyServer start(String host, int port, ProxyAuthenticator authenticator,
                                          WorkloadGuards guards, EventSink sink, String policyVersion) throws Exception {
        ProxyGate gate = new ProxyGate(authenticator, guards, sink, policyVersion);
        EgressConnectHandler connect = new EgressConnectHandler(gate, new EgressForwardHandler(gate));
        connect.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connect.setConnectTimeout(10_000);
        return new EgressProxyServer(JettyServer.start("the egress proxy", host, port, SETTINGS, connect));
    }

    /** The proxy's address as {@code http://host:port}. */
    public URI uri() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public void stopAtShutdown() {
        server.stopAtShutdown();
    }

    @Override
    public void close() {
        server.close();
    }
}
