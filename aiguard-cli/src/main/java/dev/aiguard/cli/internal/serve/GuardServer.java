package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Guard;
import dev.aiguard.cli.internal.jetty.JettyServer;
import org.eclipse.jetty.server.Handler;

import java.net.URI;
import java.time.Duration;

/** An embedded Jetty server on one address whose every request goes through a {@link GuardHandler}. */
public final class GuardServer implements AutoCloseable {

    /** A client may stall this long while sending a body, and a connection may idle this long. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final JettyServer.Settings SETTINGS =
            new JettyServer.Settings("aiguard-serve", 200, 4, false, IDLE_TIMEOUT);

    private final JettyServer server;

    private GuardServer(JettyServer server) {
        this.server = server;
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
        return new GuardServer(JettyServer.start("the server", host, port, SETTINGS,
                new GuardHandler(guard, IDLE_TIMEOUT, app, listener)));
    }

    /** The server's base URL, with the port actually bound. */
    public URI uri() {
        return server.uri();
    }

    /** Makes the JVM stop this server on exit (Ctrl-C). */
    public void stopAtShutdown() {
        server.stopAtShutdown();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server; in-flight requests are cut off. */
    @Override
    public void close() {
        server.close();
    }
}
