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

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The filter with the real {@code crs} stage (OWASP CRS from {@code aiguard.crs.dir}, RE2/J engine) on Jetty 12. */
class CrsFilterTest {

    private static Guard guard;
    private static JettyServer server;
    private static final AtomicInteger CALLS = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                "CRS not found: set -Daiguard.crs.dir or AIGUARD_CRS_DIR to an OWASP CRS v4 checkout");
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                """.formatted(Path.of(dir).toAbsolutePath());
        guard = Guard.create(PolicyLoader.create().load("crs-servlet-test.yaml", yaml).toGuardConfig());
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                CALLS.incrementAndGet();
                resp.setContentType("text/plain");
                resp.getWriter().write("results");
            }
        };
        server = JettyServer.start(new AiGuardFilter(guard), app);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (guard != null) {
            guard.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(pathAndQuery)).header("Accept", "*/*").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sqlInjectionInTheQueryStringIsBlockedWith403Problem() throws Exception {
        int before = CALLS.get();
        HttpResponse<String> response = get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(new ObjectMapper().readTree(response.body()).get("reason").asText()).isEqualTo("waf.crs");
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void benignSearchReachesTheApplication() throws Exception {
        HttpResponse<String> response = get("/v1/search?q=water+cycle");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("results");
    }
}
