package dev.aiguard.llm.adapter;

import dev.aiguard.api.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class UsageCaptureTest {

    private static final String JSON = "{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}";
    private static final String SSE = "data: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n\ndata: [DONE]\n\n";
    private static final String NDJSON = "{\"done\":true,\"prompt_eval_count\":3,\"eval_count\":4}\n";

    private static Usage capture(String contentType, String body, int chunk) {
        UsageCapture capture = new UsageCapture(() -> contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            capture.accept(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return capture.finish();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "application/json|JSON|true",
        "application/json; charset=utf-8|JSON|true",
        "application/vnd.example+json|JSON|true",
        "text/event-stream|SSE|true",
        "text/event-stream;charset=UTF-8|SSE|true",
        "application/x-ndjson|NDJSON|true",
        "text/plain|JSON|false",
        "text/html|SSE|false",
    })
    void readsUsageOnlyFromJsonAndStreamContentTypes(String contentType, String kind, boolean read) {
        String body = switch (kind) {
            case "JSON" -> JSON;
            case "SSE" -> SSE;
            default -> NDJSON;
        };
        for (int chunk : new int[] {1, 7, 4096}) {
            assertThat(capture(contentType, body, chunk)).isEqualTo(read ? new Usage(3, 4) : Usage.unknown());
        }
    }

    @Test
    void missingContentTypeReadsNothing() {
        assertThat(capture(null, JSON, 100)).isEqualTo(Usage.unknown());
    }

    @Test
    void jsonLargerThanTheBoundGivesUnknownUsage() {
        String big = "{\"pad\":\"" + "x".repeat(UsageCapture.MAX_JSON_BYTES) + "\"," + JSON.substring(1);
        assertThat(capture("application/json", big, 65536)).isEqualTo(Usage.unknown());
    }

    @Test
    void streamUsageIsVisibleBeforeTheEnd() {
        UsageCapture capture = new UsageCapture(() -> "text/event-stream");
        byte[] first = "data: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n\n".getBytes(StandardCharsets.UTF_8);
        capture.accept(first, 0, first.length);
        assertThat(capture.current()).isEqualTo(new Usage(3, 4));
    }
}
