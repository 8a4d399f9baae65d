package dev.aiguard.cli.internal.jetty;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;

/**
 * A started embedded Jetty server with one plain-HTTP connector, as every {@code aiguard serve} listener needs it
 * (guarded endpoint, egress proxy, console): no version headers, no graceful stop period (without a GracefulHandler
 * Jetty would only wait for idle keep-alive connections), and stopped again if starting fails.
 */
public final class JettyServer implements AutoCloseable {

    /**
     * How a listener is sized.
     *
     * @param threadName  name prefix of its threads
     * @param maxThreads  most request threads
     * @param minThreads  threads kept when idle
     * @param small       one acceptor and one selector (an admin surface), instead of Jetty's defaults
     * @param idleTimeout how long a connection may idle, or {@code null} for Jetty's default
     */
    public record Settings(String threadName, int maxThreads, int minThreads, boolean small, Duration idleTimeout) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final String description;

    private JettyServer(Server server, ServerConnector connector, String description) {
        this.server = server;
        this.connector = connector;
        this.description = description;
    }

    /**
     * Starts {@code handler} on {@code host:port} (port 0 picks a free one).
     *
     * @param description what it is, for the error when it does not stop cleanly (e.g. {@code the console})
     * @throws Exception when the server cannot start (the port is taken, the host is not local...)
     */
    public static JettyServer start(String description, String host, int port, Settings settings, Handler handler)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), settings.minThreads());
        threads.setName(settings.threadName());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory factory = new HttpConnectionFactory(http);
        ServerConnector connector = settings.small()
                ? new ServerConnector(server, 1, 1, factory) : new ServerConnector(server, factory);
        connector.setHost(host);
        connector.setPort(port);
        if (settings.idleTimeout() != null) {
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
        }
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyServer(server, connector, description);
    }

    /** The base URL {@code http://host:port}, with the port actually bound (IPv6 hosts in brackets). */
    public URI uri() {
        String host = connector.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort());
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Makes the JVM stop this server on exit (Ctrl-C). */
    public void stopAtShutdown() {
        server.setStopAtShutdown(true);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server; in-flight requests are cut off. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(description + " did not stop cleanly", e);
        }
    }
}
