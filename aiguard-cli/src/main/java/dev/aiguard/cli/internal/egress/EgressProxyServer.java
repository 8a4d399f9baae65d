package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.EventSink;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;

/**
 * {@code aiguard serve --egress-proxy}: a forward proxy (HTTP and HTTPS {@code CONNECT}) that applies the egress
 * policy to every connection, for workloads that set {@code HTTP_PROXY}/{@code HTTPS_PROXY}.
 */
public final class EgressProxyServer implements AutoCloseable {

    /** How long a tunnel or forwarded exchange may stay idle. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final Server server;
    private final ServerConnector connector;

    private EgressProxyServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the proxy on {@code host:port} (0 picks a free port).
     *
     * @param sink receives one event per connection (allowed, denied, would-deny)
     */
    public static EgressProxyServer start(String host, int port, ProxyAuthenticator authenticator,
                                          WorkloadGuards guards, EventSink sink, String policyVersion) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("aiguard-egress");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        ProxyGate gate = new ProxyGate(authenticator, guards, sink, policyVersion);
        EgressConnectHandler connect = new EgressConnectHandler(gate, new EgressForwardHandler(gate));
        connect.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connect.setConnectTimeout(10_000);
        server.setHandler(connect);
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new EgressProxyServer(server, connector);
    }

    /** The proxy's address as {@code http://host:port}. */
    public URI uri() {
        String host = connector.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public void stopAtShutdown() {
        server.setStopAtShutdown(true);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the egress proxy did not stop cleanly", e);
        }
    }
}
