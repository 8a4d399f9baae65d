package dev.aiguard.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the shaded jar built by {@code package} ({@code target/aiguard.jar}) as a user would. */
class CliJarIT {

    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");

    private static Path jar() {
        Path jar = Path.of(System.getProperty("aiguard.cli.jar", "target/aiguard.jar"));
        assertThat(jar).as("the shaded jar (run `./mvnw package` first)").isRegularFile();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void helpListsTheSubcommands() throws Exception {
        Process process = new ProcessBuilder(java(), "-jar", jar().toString(), "--help").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage: aiguard").contains("serve").contains("replay").contains("check");
    }

    @Test
    void demoFromTheJarAnswersAChatCompletion() throws Exception {
        Path policy = Files.createTempFile("aiguard-it", ".yaml");
        Files.writeString(policy, "apiVersion: aiguard.dev/v1\n");
        Process process = new ProcessBuilder(java(), "-jar", jar().toString(), "serve", "--demo", "--port", "0",
                "--policy", policy.toString()).redirectErrorStream(true).start();
        try {
            URI base = awaitUrl(process);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/v1/chat/completions")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"usage\"");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(policy);
        }
    }

    private static URI awaitUrl(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = URL.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain");
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("serve printed no URL: " + seen);
    }
}
