package dev.aiguard.output.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Newline-delimited JSON (Ollama): each line is an event; a line that is not JSON is plain text. */
final class NdjsonFramer implements Framer {

    private final int maxLineBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    NdjsonFramer(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length, List<Event> out) {
        int from = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                current.write(bytes, from, i + 1 - from);
                from = i + 1;
                out.add(parse(current.toByteArray()));
                current.reset();
            }
        }
        current.write(bytes, from, offset + length - from);
        if (current.size() > maxLineBytes) {
            out.add(RawFramer.event(current.toByteArray()));
            current.reset();
        }
    }

    @Override
    public void finish(List<Event> out) {
        if (current.size() > 0) {
            out.add(parse(current.toByteArray()));
            current.reset();
        }
    }

    private static Event parse(byte[] raw) {
        JsonNode json = JsonPieces.parse(raw, 0, raw.length);
        if (json == null) {
            return RawFramer.event(raw);
        }
        List<Piece> pieces = new ArrayList<>();
        JsonPieces.collect(json, true, pieces);
        boolean newline = raw.length > 0 && raw[raw.length - 1] == '\n';
        return new Event(raw, pieces, () -> JsonPieces.utf8(JsonPieces.write(json) + (newline ? "\n" : "")));
    }
}
