package dev.aiguard.llm;

import java.util.Objects;

/**
 * One piece of text the model will read.
 *
 * @param source where it came from
 * @param text   the text (bounded by the parser's string limit)
 * @param path   its JSON path in the request body, e.g. {@code messages[1].content[0].text}
 */
public record PromptSegment(SegmentSource source, String text, String path) {

    public PromptSegment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(path, "path");
    }
}
