package dev.aiguard.identity;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jsonwebtoken.security.Jwks;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A real HTTPS JWKS endpoint on 127.0.0.1 and a free port, with a self-signed certificate made by {@code keytool}.
 * {@link #trustStore()} is a PKCS12 trust store holding just that certificate; {@link #trustPem()} the same as PEM.
 */
final class JwksServer implements AutoCloseable {

    static final String TRUST_PASSWORD = "trust-pw";
    private static final String SERVER_PASSWORD = "server-pw";

    private final HttpsServer server;
    private final Path trustStore;
    private final Path trustPem;
    private final AtomicReference<String> body = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();

    private JwksServer(HttpsServer server, Path trustStore, Path trustPem) {
        this.server = server;
        this.trustStore = trustStore;
        this.trustPem = trustPem;
    }

    static JwksServer start(Path dir) throws Exception {
        Path serverStore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "jwks", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", serverStore.toString(),
                "-storetype", "PKCS12", "-storepass", SERVER_PASSWORD, "-keypass", SERVER_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "jwks", "-keystore", serverStore.toString(), "-storepass",
                SERVER_PASSWORD, "-file", pem.toString());
        keytool("-importcert", "-noprompt", "-alias", "jwks", "-file", pem.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", TRUST_PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, SERVER_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, SERVER_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        JwksServer jwks = new JwksServer(https, trust, pem);
        https.createContext("/jwks.json", exchange -> {
            jwks.requests.incrementAndGet();
            byte[] bytes = jwks.body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(jwks.status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        https.start();
        return jwks;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    Path trustStore() {
        return trustStore;
    }

    Path trustPem() {
        return trustPem;
    }

    /** Serves these public keys (kid to key) from now on. */
    void serve(Map<String, PublicKey> keys) {
        body.set("{\"keys\":[" + keys.entrySet().stream()
                .map(e -> Jwks.json(Jwks.builder().key(e.getValue()).id(e.getKey()).build()))
                .collect(Collectors.joining(",")) + "]}");
        status.set(200);
    }

    /** Answers every request with this status (and an error body) from now on. */
    void fail(int httpStatus) {
        body.set("{\"error\":\"down\"}");
        status.set(httpStatus);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
