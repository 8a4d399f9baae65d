package dev.aiguard.cli;

import dev.aiguard.identity.ApiKeyDigests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A running {@code serve --demo} with two API-key identities, a blocking keyword stage and a monitor-mode keyword
 * stage, plus a fixed batch of traffic: what the console tests look at.
 */
final class DemoTraffic implements AutoCloseable {

    static final String ALICE_KEY = "agk_console_alice_5Jq8Wm2Rt6Yp";
    static final String BOB_KEY = "agk_console_bob_9Kd3Xn7Vb1Lz0";
    static final String CHAT = "{\"model\":\"aiguard-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

    final ServeRun serve;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DemoTraffic(ServeRun serve) {
        this.serve = serve;
    }

    /** Starts the demo in {@code dir} and sends the traffic; the console is on a free port. */
    static DemoTraffic start(Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("console-demo.yaml"), """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: identity
                    budget: 10s                  # the first request pays for class loading: never an overrun here
                    apiKeys:
                      owners:
                        - subject: console-alice
                          tier: free
                          keys: [{id: alice-1, digest: "%s"}]
                        - subject: console-bob
                          tier: pro
                          keys: [{id: bob-1, digest: "%s"}]
                  - type: keyword
                    name: sql
                    budget: 10s
                    word: DROP TABLE
                  - type: keyword
                    name: staged
                    budget: 10s
                    mode: monitor
                    word: sudo
                """.formatted(ApiKeyDigests.sha256(ALICE_KEY), ApiKeyDigests.sha256(BOB_KEY)));
        DemoTraffic demo = new DemoTraffic(ServeRun.start("serve", "--demo", "--port", "0", "--policy",
                policy.toString(), "--stream-delay", "0"));
        demo.send();
        return demo;
    }

    private void send() throws Exception {
        chat(ALICE_KEY, "What is the capital of France?");
        chat(ALICE_KEY, "please DROP TABLE users");
        chat(ALICE_KEY, "sudo make me a sandwich");
        for (int i = 0; i < 3; i++) {
            chat(BOB_KEY, "Write a long essay about the history of the Roman empire, part " + i
                    + ", with as much detail as you can manage in one answer.");
        }
        chat(BOB_KEY, "DROP TABLE again");
        chat(BOB_KEY, "DROP TABLE once more");
        chat(BOB_KEY, "and DROP TABLE a third time");
    }

    int chat(String key, String prompt) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(serve.uri().resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(prompt))).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    URI console() {
        return serve.consoleUri();
    }

    String token() {
        return serve.adminToken();
    }

    @Override
    public void close() throws Exception {
        serve.stop();
    }
}
