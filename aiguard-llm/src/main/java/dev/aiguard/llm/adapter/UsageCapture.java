package dev.aiguard.llm.adapter;

import dev.aiguard.api.Usage;
import dev.aiguard.llm.UsageReader;
import dev.aiguard.llm.UsageStream;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Watches response bytes on their way to the client and reads the token usage from them: a JSON body is kept (up to a
 * bound) and parsed at the end; an SSE or NDJSON stream is fed to a {@link UsageStream} chunk by chunk and never kept.
 * Other content types are ignored. Not thread-safe: writes to one response are sequential.
 */
public final class UsageCapture {

    /** Largest JSON response kept for its usage; beyond it the usage is unknown. */
    static final int MAX_JSON_BYTES = 4 << 20;

    private static final Pattern JSON_SUFFIX = Pattern.compile("application/[^;]*\\+json.*");

    private enum Kind { UNDECIDED, JSON, STREAM, IGNORED }

    private final Supplier<String> contentType;
    private Kind kind = Kind.UNDECIDED;
    private ByteArrayOutputStream json;
    private UsageStream stream;
    private Usage finished;

    /** @param contentType the response's content type, asked for when the first bytes pass (it is set by then) */
    public UsageCapture(Supplier<String> contentType) {
        this.contentType = contentType;
    }

    /** Sees bytes the application wrote. */
    public void accept(byte[] b, int off, int len) {
        if (len <= 0 || finished != null) {
            return;
        }
        if (kind == Kind.UNDECIDED) {
            decide();
        }
        switch (kind) {
            case JSON -> keepJson(b, off, len);
            case STREAM -> stream.feed(b, off, len);
            default -> { }
        }
    }

    private void decide() {
        String type = contentType.get();
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.startsWith("text/event-stream") || t.startsWith("application/x-ndjson")
                || t.startsWith("application/jsonl") || t.startsWith("application/ndjson")) {
            kind = Kind.STREAM;
            stream = UsageReader.stream();
        } else if (t.startsWith("application/json") || JSON_SUFFIX.matcher(t).matches()) {
            kind = Kind.JSON;
            json = new ByteArrayOutputStream();
        } else {
            kind = Kind.IGNORED;
        }
    }

    private void keepJson(byte[] b, int off, int len) {
        if (json == null) {
            return;
        }
        if (json.size() + len > MAX_JSON_BYTES) {
            json = null;
            return;
        }
        json.write(b, off, len);
    }

    /**
     * Whether bytes still matter: true until the content type shows the response carries no usage (or a JSON body
     * outgrew its bound), so that an adapter can skip copying them.
     */
    public boolean wantsBytes() {
        if (finished != null) {
            return false;
        }
        if (kind == Kind.UNDECIDED) {
            decide();
        }
        return kind == Kind.STREAM || kind == Kind.JSON && json != null;
    }

    /** Usage seen so far in a stream (unknown for a JSON body until it ends). */
    public Usage current() {
        if (finished != null) {
            return finished;
        }
        return stream != null ? stream.usage() : Usage.unknown();
    }

    /** Ends the capture and returns the usage the response reported, or {@link Usage#unknown()}. */
    public Usage finish() {
        if (finished == null) {
            finished = switch (kind) {
                case JSON -> json == null ? Usage.unknown() : UsageReader.fromJson(json.toByteArray());
                case STREAM -> {
                    stream.finish();
                    yield stream.usage();
                }
                default -> Usage.unknown();
            };
            json = null;
        }
        return finished;
    }
}
