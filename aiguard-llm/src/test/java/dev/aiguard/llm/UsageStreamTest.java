package dev.aiguard.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiguard.api.Usage;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UsageStreamTest {

    static final String OPENAI_CHAT = """
            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}],"usage":null}

            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello usage"}}],"usage":null}

            data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29}}

            data: [DONE]

            """;

    static final String ANTHROPIC = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","usage":{"input_tokens":25,"cache_read_input_tokens":100,"output_tokens":1}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":15}}

            event: message_stop
            data: {"type":"message_stop"}

            """.replace("\n", "\r\n");

    static final String RESPONSES = """
            event: response.output_text.delta
            data: {"type":"response.output_text.delta","delta":"Hi"}

            event: response.completed
            data: {"type":"response.completed","response":{"id":"resp_1","status":"completed","usage":{"input_tokens":36,"output_tokens":87,"total_tokens":123}}}

            """;

    static final String GEMINI = """
            data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"}}],"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}

            data: {"candidates":[{"content":{"parts":[{"text":"lo"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":12,"thoughtsTokenCount":3,"totalTokenCount":23}}

            """.replace("\n", "\r");

    static final String OLLAMA = """
            {"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"The"},"done":false}
            {"model":"llama3.2","created_at":"2025-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"total_duration":5191566416,"prompt_eval_count":26,"eval_count":290}
            """;

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("openai chat include_usage", OPENAI_CHAT, new Usage(19, 10)),
                Arguments.of("anthropic message_start/message_delta, CRLF", ANTHROPIC, new Usage(125, 15)),
                Arguments.of("responses api response.completed", RESPONSES, new Usage(36, 87)),
                Arguments.of("gemini usageMetadata, CR only", GEMINI, new Usage(8, 15)),
                Arguments.of("ollama ndjson", OLLAMA, new Usage(26, 290)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void usageIsFoundWhateverTheChunkBoundary(String name, String stream, Usage expected) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        assertThat(read(bytes, bytes.length)).isEqualTo(expected);
        for (int split = 0; split <= bytes.length; split++) {
            UsageStream reader = new UsageStream();
            reader.feed(bytes, 0, split);
            reader.feed(bytes, split, bytes.length - split);
            reader.finish();
            assertThat(reader.usage()).as("split at %d", split).isEqualTo(expected);
        }
        assertThat(read(bytes, 1)).as("one byte at a time").isEqualTo(expected);
        assertThat(read(bytes, 7)).as("seven bytes at a time").isEqualTo(expected);
    }

    private static Usage read(byte[] bytes, int chunk) {
        UsageStream reader = new UsageStream();
        for (int i = 0; i < bytes.length; i += chunk) {
            reader.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
        reader.finish();
        return reader.usage();
    }

    @Test
    void streamWithoutFinalBlankLineIsFlushedByFinish() {
        UsageStream reader = new UsageStream();
        reader.feed("data: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.usage().isKnown()).isFalse();
        reader.finish();
        assertThat(reader.usage()).isEqualTo(new Usage(3, 4));
    }

    @Test
    void overlongLinesAreDroppedAndLaterEventsStillRead() {
        UsageStream reader = new UsageStream(1024);
        String big = "data: {\"choices\":[{\"delta\":{\"content\":\"" + "x".repeat(100_000) + "\"}}],\"usage\":{\"prompt_tokens\":999}}\n\n";
        reader.feed(big.getBytes(StandardCharsets.UTF_8));
        reader.feed(OPENAI_CHAT.getBytes(StandardCharsets.UTF_8));
        reader.finish();
        assertThat(reader.droppedLines()).isEqualTo(1);
        assertThat(reader.usage()).isEqualTo(new Usage(19, 10));
    }

    @Test
    void multiLineDataIsJoinedBeforeParsing() {
        UsageStream reader = new UsageStream();
        reader.feed("data: {\"usage\":\ndata: {\"input_tokens\":5,\"output_tokens\":6}}\n\n".getBytes(StandardCharsets.UTF_8));
        reader.finish();
        assertThat(reader.usage()).isEqualTo(new Usage(5, 6));
    }

    @Test
    void garbageStreamsYieldUnknownUsage() {
        UsageStream reader = new UsageStream();
        reader.feed(new byte[] {0, 1, 2, '\n', 'd', 'a', 't', 'a', ':', '{', 'u', 's', 'a', 'g', 'e', '\n', '\n', (byte) 0xff});
        reader.finish();
        assertThat(reader.usage().isKnown()).isFalse();
        assertThat(reader.events()).isEqualTo(1);
    }

    @Test
    void jsonResponsesOfEveryApi() {
        assertThat(json("{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}"))
                .isEqualTo(new Usage(9, 12));
        assertThat(json("{\"object\":\"list\",\"data\":[],\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}"))
                .isEqualTo(new Usage(8, -1));
        assertThat(json("{\"id\":\"resp_1\",\"object\":\"response\",\"usage\":{\"input_tokens\":36,\"output_tokens\":87}}"))
                .isEqualTo(new Usage(36, 87));
        assertThat(json("{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":5,\"output_tokens\":20}}"))
                .isEqualTo(new Usage(15, 20));
        assertThat(json("{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":6}}"))
                .isEqualTo(new Usage(4, 6));
        assertThat(json("{\"model\":\"llama3\",\"done\":true,\"prompt_eval_count\":26,\"eval_count\":298}"))
                .isEqualTo(new Usage(26, 298));
        assertThat(json("[{\"generated_text\":\"x\",\"details\":{\"generated_tokens\":7}}]").isKnown()).isFalse();
        assertThat(json("{\"generated_text\":\"x\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":7}}"))
                .isEqualTo(new Usage(-1, 7));
        assertThat(json("{\"content\":\"x\",\"timings\":{\"prompt_n\":11,\"predicted_n\":22}}")).isEqualTo(new Usage(11, 22));
        assertThat(json("{\"usage\":{\"prompt_tokens\":-5,\"completion_tokens\":\"many\"}}").isKnown()).isFalse();
        assertThat(json("not json").isKnown()).isFalse();
    }

    private static Usage json(String body) {
        return UsageReader.fromJson(body.getBytes(StandardCharsets.UTF_8));
    }
}
