package dev.aiguard.cli.internal.console;

import dev.aiguard.cli.internal.jetty.JettyServer;

import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * The web console on its own Jetty server, bound to a loopback address only (an admin surface is never exposed
 * by accident), protected by an admin token.
 */
public final class ConsoleServer implements AutoCloseable {

    /** Few threads, one acceptor and one selector: an admin surface for one person. */
    private static final JettyServer.Settings SETTINGS = new JettyServer.Settings("aiguard-console", 16, 2, true, null);

    private final JettyServer server;
    private final String token;

    private ConsoleServer(JettyServer server, String token) {
        this.server = server;
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
        return new ConsoleServer(JettyServer.start("the console", host, port, SETTINGS,
                new ConsoleHandler(auth, new ConsoleApi(data, policy), new ConsolePage(data, policy),
                        StaticAssets.load())), chosen);
    }

    public URI uri() {
        return server.uri().resolve("/");
    }

    /** The admin token (printed once at start). */
    public String token() {
        return token;
    }

    @Override
    public void close() {
        server.close();
    }
}
