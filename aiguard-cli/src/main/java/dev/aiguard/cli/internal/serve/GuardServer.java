package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Guard;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;

/** An embedded Jetty server on one address whose every request goes through a {@link GuardHandler}. */
public final class GuardServer implements AutoCloseable {

    /** A client may stall this long while sending a body, and a connection may idle this long. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final Server server;
    private final ServerConnector connector;

    private GuardServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one) guarding {@code app}.
     *
     * @throws Exception when the server cannot start (the port is taken, the host is not local...)
     */
    public static GuardServer start(String host, int port, Guard guard, Handler app) throws Exception {
        return start(host, port, guard, app, RequestListener.NONE);
    }

    /** As above, telling {@code listener} about every finished request. */
    public static GuardServer start(String host, int port, Guard guard, Handler app, RequestListener listener)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("aiguard-serve");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new GuardHandler(guard, IDLE_TIMEOUT, app, listener));
        // No graceful period: without a GracefulHandler Jetty would only wait for idle keep-alive connections.
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new GuardServer(server, connector);
    }

    /** The server's base URL, with the port actually bound. */
    public URI uri() {
        String host = connector.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort());
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
            throw new IllegalStateException("the server did not stop cleanly", e);
        }
    }
}
