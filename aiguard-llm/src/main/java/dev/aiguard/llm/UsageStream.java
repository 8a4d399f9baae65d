package dev.aiguard.llm;

import dev.aiguard.api.Usage;
import dev.aiguard.llm.internal.parse.BoundedJsonReader;
import dev.aiguard.llm.internal.parse.JsonLimits;
import dev.aiguard.llm.internal.parse.ParsedJson;
import dev.aiguard.llm.internal.usage.LineSplitter;
import dev.aiguard.llm.internal.usage.UsageExtractor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Extracts token usage from a streamed response while it passes through: Server-Sent Events (OpenAI with
 * {@code stream_options.include_usage}, the Responses API's {@code response.completed}, Anthropic
 * {@code message_start}/{@code message_delta}, Gemini {@code alt=sse} chunks) and newline-delimited JSON (Ollama).
 *
 * <p>Feed the bytes as they are forwarded, in chunks of any size. Only the current line and the current event's data
 * are held (each bounded), never the stream. Events that cannot carry usage are skipped without JSON parsing. Not
 * thread-safe: one instance per response.
 */
public final class UsageStream {

    /** Default bound for one line and for one event's data. */
    public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;

    private static final byte[][] USAGE_MARKERS = {
        ascii("sage"), ascii("eval_count"), ascii("generated_tokens"), ascii("predicted_n")
    };

    private final int maxEventBytes;
    private final LineSplitter lines;
    private final BoundedJsonReader reader = new BoundedJsonReader(new JsonLimits(32, 20_000, 64 * 1024, 1));
    private byte[] data = new byte[0];
    private int dataLength;
    private boolean dataOverflow;
    private Usage usage = Usage.unknown();
    private long events;

    /** A reader with the default line bound. */
    public UsageStream() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    /** A reader that drops lines and events longer than {@code maxLineBytes}. */
    public UsageStream(int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16");
        }
        this.maxEventBytes = maxLineBytes;
        this.lines = new LineSplitter(maxLineBytes, this::line);
    }

    /** Feeds the next chunk of the response body. */
    public void feed(byte[] chunk, int offset, int length) {
        lines.feed(chunk, offset, length);
    }

    /** Feeds a whole array. */
    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    /** Call at end of stream: handles a last line or event without its terminator. */
    public void finish() {
        lines.finish();
        dispatch();
    }

    /** Usage seen so far; later events override earlier ones field by field. */
    public Usage usage() {
        return usage;
    }

    /** Events (SSE events and NDJSON lines) seen so far. */
    public long events() {
        return events;
    }

    /** Lines dropped for exceeding the line bound. */
    public long droppedLines() {
        return lines.droppedLines();
    }

    private void line(byte[] buf, int len) {
        if (len == 0) {
            dispatch();
        } else if (startsWith(buf, len, "data:")) {
            int from = 5 + (len > 5 && buf[5] == ' ' ? 1 : 0);
            appendData(buf, from, len);
        } else if (buf[0] == '{') {
            // NDJSON (Ollama): every line is one event.
            dispatch();
            appendData(buf, 0, len);
            dispatch();
        }
        // event:, id:, retry: and comments carry nothing we need.
    }

    private void appendData(byte[] buf, int from, int to) {
        int add = to - from + (dataLength > 0 ? 1 : 0);
        if (dataOverflow || dataLength + add > maxEventBytes) {
            dataOverflow = true;
            return;
        }
        if (dataLength + add > data.length) {
            data = Arrays.copyOf(data, Math.max(dataLength + add, Math.min(maxEventBytes, data.length * 2 + 64)));
        }
        if (dataLength > 0) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(buf, from, data, dataLength, to - from);
        dataLength += to - from;
    }

    private void dispatch() {
        if (dataLength > 0 && !dataOverflow) {
            events++;
            if (mayCarryUsage()) {
                ParsedJson json = reader.read(data, dataLength);
                if (json.error() == null) {
                    usage = UsageExtractor.merge(usage, UsageExtractor.extract(json.root()));
                }
            }
        }
        dataLength = 0;
        dataOverflow = false;
    }

    private boolean mayCarryUsage() {
        for (byte[] marker : USAGE_MARKERS) {
            if (indexOf(data, dataLength, marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] buf, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
