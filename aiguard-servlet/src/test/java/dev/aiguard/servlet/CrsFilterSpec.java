package dev.aiguard.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The filter with the real {@code crs} stage (OWASP CRS from {@code aiguard.crs.dir}, RE2/J engine) on a real servlet
 * container. Run per container; the guard (the CRS loads once) serves every container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrsFilterSpec {

    private final AtomicInteger calls = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();
    private ServletServer server;

    /** Starts the server under test on 127.0.0.1, an ephemeral port, with one filter and one servlet. */
    abstract ServletServer start(jakarta.servlet.Filter filter, HttpServlet servlet) throws Exception;

    /** The CRS guard, created on first use and shared: loading the CRS is the expensive part; it keeps no state. */
    private static final class CrsGuard {
        static final Guard GUARD = load();

        private static Guard load() {
            String yaml = """
                    apiVersion: aiguard.dev/v1
                    stages:
                      - type: crs
                        name: waf
                        budget: 30s
                        directory: %s
                        engine: re2j
                    """.formatted(crsDir().toAbsolutePath());
            try {
                return Guard.create(PolicyLoader.create().load("crs-servlet-test.yaml", yaml).toGuardConfig());
            } catch (dev.aiguard.api.PolicyException e) {
                throw new IllegalStateException("CRS policy did not load", e);
            }
        }
    }

    private static Path crsDir() {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        return dir == null ? null : Path.of(dir);
    }

    @BeforeAll
    void startServer() throws Exception {
        Path dir = crsDir();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("rules")),
                "CRS not found: set -Daiguard.crs.dir or AIGUARD_CRS_DIR to an OWASP CRS v4 checkout");
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                calls.incrementAndGet();
                resp.setContentType("text/plain");
                resp.getWriter().write("results");
            }
        };
        server = start(new AiGuardFilter(CrsGuard.GUARD), app);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(pathAndQuery)).header("Accept", "*/*").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sqlInjectionInTheQueryStringIsBlockedWith403Problem() throws Exception {
        int before = calls.get();
        HttpResponse<String> response = get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(new ObjectMapper().readTree(response.body()).get("reason").asText()).isEqualTo("waf.crs");
        assertThat(calls.get()).isEqualTo(before);
    }

    @Test
    void benignSearchReachesTheApplication() throws Exception {
        HttpResponse<String> response = get("/v1/search?q=water+cycle");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("results");
    }
}
