package dev.aiguard.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;

/** A real HTTP(S) server on 127.0.0.1, port 0, recording every request it gets. */
final class LocalServer implements AutoCloseable {

    /** What the server saw. */
    record Seen(String method, String uri, String host, String authorization, String body) {
    }

    /** Answers one request. */
    interface Route {
        void handle(HttpExchange exchange, String body) throws IOException;
    }

    static final String KEYSTORE = "/egress-test-server.p12";
    static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> sniNames = new CopyOnWriteArrayList<>();

    private LocalServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::dispatch);
    }

    private LocalServer start() {
        server.start();
        return this;
    }

    static LocalServer http() throws IOException {
        return new LocalServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)).start();
    }

    static LocalServer https() throws Exception {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalServer local = new LocalServer(s);
        SSLContext context = serverContext();
        s.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        local.sniNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                    }
                }));
                params.setSSLParameters(p);
            }
        });
        return local.start();
    }

    /** A client context trusting only the test certificate (CN and SAN {@code api.example.test}). */
    static SSLContext clientContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore keyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = LocalServer.class.getResourceAsStream(KEYSTORE)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    LocalServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    LocalServer redirect(String path, int status, String location) {
        return route(path, (ex, body) -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(status, -1);
        });
    }

    LocalServer text(String path, String text) {
        return route(path, (ex, body) -> reply(ex, 200, text));
    }

    static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port() + path;
    }

    List<Seen> seen() {
        return seen;
    }

    List<String> sniNames() {
        return sniNames;
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(),
                    ex.getRequestHeaders().getFirst("Host"), ex.getRequestHeaders().getFirst("Authorization"), body));
            Route route = routes.get(ex.getRequestURI().getPath());
            if (route == null) {
                reply(ex, 404, "no route");
            } else {
                route.handle(ex, body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
