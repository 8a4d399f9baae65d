package dev.aiguard.llm;

import dev.aiguard.api.Usage;
import dev.aiguard.llm.internal.parse.BoundedJsonReader;
import dev.aiguard.llm.internal.parse.JsonLimits;
import dev.aiguard.llm.internal.parse.ParsedJson;
import dev.aiguard.llm.internal.usage.UsageExtractor;

/** Reads token usage from a complete (non-streamed) JSON response of any supported API. */
public final class UsageReader {

    private static final BoundedJsonReader READER = new BoundedJsonReader(JsonLimits.DEFAULTS);

    private UsageReader() {
    }

    /** The usage the response reports, or {@link Usage#unknown()}; never throws. */
    public static Usage fromJson(byte[] body) {
        ParsedJson json = READER.read(body, body.length);
        return UsageExtractor.extract(json.root());
    }

    /** A reader for a streamed response (SSE or NDJSON). */
    public static UsageStream stream() {
        return new UsageStream();
    }
}
