package dev.aiguard.servlet;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage read from JSON and streamed responses on a real servlet container, sync and async servlets. Run per container. */
abstract class ResponseUsageSpec {

    /** Starts the server under test on 127.0.0.1, an ephemeral port, with one filter and one servlet. */
    abstract ServletServer start(jakarta.servlet.Filter filter, HttpServlet servlet) throws Exception;


    private static final String OPENAI_JSON = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,\"total_tokens\":46}}";

    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private static AiGuardFilter filter(TestStages.Recording stage, int maxBodyBytes) {
        return new AiGuardFilter(Guard.create(GuardConfig.builder().maxBodyBytes(maxBodyBytes)
                .stage(ConfiguredStage.of("t", stage)).build()));
    }

    private static String chunk(String content) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
    }

    private static final String USAGE_CHUNK =
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n";

    @Test
    void jsonResponseUsageIsReconciled() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/json");
                resp.getWriter().write(OPENAI_JSON);
            }
        };
        try (ServletServer server = start(filter(stage, 1024), app)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo(OPENAI_JSON);
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.usage()).isEqualTo(new Usage(12, 34));
            assertThat(info.status()).isEqualTo(200);
        }
    }

    @Test
    void responseWithoutUsageCompletesWithUnknownUsage() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/html");
                resp.getWriter().write("<p>usage: {\"prompt_tokens\":5}</p>");
            }
        };
        try (ServletServer server = start(filter(stage, 1024), app)) {
            client.send(HttpRequest.newBuilder(server.uri("/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(stage.nextCompleted().usage()).isEqualTo(Usage.unknown());
        }
    }

    @Test
    void sseUsageIsReconciledWhileEventsReachTheClientUnbuffered() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        CountDownLatch firstEventSeen = new CountDownLatch(1);
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/event-stream");
                ServletOutputStream out = resp.getOutputStream();
                out.write(chunk("Hel").getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    // The next event is written only once the client has the first: proof nothing holds it back.
                    if (!firstEventSeen.await(5, TimeUnit.SECONDS)) {
                        throw new IOException("client never saw the first event");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                out.write((chunk("lo") + USAGE_CHUNK + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        };
        try (ServletServer server = start(filter(stage, 1024), app)) {
            HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = response.body().iterator();
            assertThat(lines.next()).contains("Hel");
            firstEventSeen.countDown();
            StringBuilder rest = new StringBuilder();
            lines.forEachRemaining(l -> rest.append(l).append('\n'));

            assertThat(rest.toString()).contains("\"lo\"").contains("[DONE]");
            assertThat(stage.nextCompleted().usage()).isEqualTo(new Usage(7, 3));
        }
    }

    @Test
    void asyncServletStreamingFromAnotherThreadIsCompletedWithItsUsage() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        List<String> events = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"Hi\"}}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                executor.execute(() -> {
                    try {
                        HttpServletResponse r = (HttpServletResponse) async.getResponse();
                        r.setContentType("text/event-stream");
                        for (String event : events) {
                            r.getWriter().write(event);
                            r.getWriter().flush();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        async.complete();
                    }
                });
            }
        };
        try (ServletServer server = start(filter(stage, 1024), app)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo(String.join("", events));
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.usage()).isEqualTo(new Usage(25, 15));
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
            assertThat(stage.completed).isEmpty();
        }
    }

    @Test
    void asyncServletReadsTheWholeBodyWithAReadListener() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                AsyncContext async = req.startAsync();
                ServletInputStream in = req.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                in.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        byte[] buf = new byte[100];
                        while (in.isReady() && !in.isFinished()) {
                            int n = in.read(buf);
                            if (n < 0) {
                                break;
                            }
                            received.write(buf, 0, n);
                        }
                    }

                    @Override
                    public void onAllDataRead() throws IOException {
                        async.getResponse().getOutputStream().write(received.toByteArray());
                        async.complete();
                    }

                    @Override
                    public void onError(Throwable t) {
                        async.complete();
                    }
                });
            }
        };
        String small = "short body";
        String large = "abcdefghij".repeat(5000);
        try (ServletServer server = start(filter(stage, 256), app)) {
            for (String body : List.of(small, large)) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.body()).isEqualTo(body);
                assertThat(stage.nextCompleted().outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
            }
        }
    }

    @Test
    void clientDisconnectMidStreamCompletesTheExchangeAsCancelled() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        CountDownLatch writerStopped = new CountDownLatch(1);
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/event-stream");
                ServletOutputStream out = resp.getOutputStream();
                try {
                    for (int i = 0; i < 500; i++) {
                        out.write(chunk("token" + i).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    writerStopped.countDown();
                }
            }
        };
        try (ServletServer server = start(filter(stage, 1024), app)) {
            try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(in.readNBytes(200)).hasSize(200);
            }

            ResponseInfo info = stage.nextCompleted();
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.CANCELLED);
            assertThat(writerStopped.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
