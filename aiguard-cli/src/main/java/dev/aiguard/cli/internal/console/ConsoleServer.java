package dev.aiguard.cli.internal.console;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * The web console on its own Jetty server, bound to a loopback address only (an admin surface is never exposed
 * by accident), protected by an admin token.
 */
public final class ConsoleServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String token;

    private ConsoleServer(Server server, ServerConnector connector, String token) {
        this.server = server;
        this.connector = connector;
        this.token = token;
    }

    /**
     * Starts the console on {@code host:port} (port 0 picks a free one).
     *
     * @param host   a loopback address ({@code 127.0.0.1}, {@code ::1}, {@code localhost}); anything else is refused
     * @param token  the admin token, or null to generate one
     * @throws IllegalArgumentException when {@code host} is not a loopback address
     * @throws Exception                when the server cannot start
     */
    public static ConsoleServer start(String host, int port, String token, ConsoleData data,
                                      Supplier<PolicyInfo> policy) throws Exception {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("the console binds to loopback addresses only, not " + host);
        }
        String chosen = token != null ? token : ConsoleAuth.newToken(new SecureRandom());
        ConsoleAuth auth = new ConsoleAuth(chosen);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("aiguard-console");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ConsoleHandler(auth, new ConsoleApi(data, policy), new ConsolePage(data, policy),
                StaticAssets.load()));
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new ConsoleServer(server, connector, chosen);
    }

    public URI uri() {
        String host = connector.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
    }

    /** The admin token (printed once at start). */
    public String token() {
        return token;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the console did not stop cleanly", e);
        }
    }
}
