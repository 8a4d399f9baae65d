package dev.aiguard.output.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole JSON body: held until its end (up to a bound), then one event whose string values are inspected each on its
 * own. A body over the bound is released as plain text from then on (inspected, with the usual hold-back).
 */
final class JsonBodyFramer implements Framer {

    private final int maxBytes;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    JsonBodyFramer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length, List<Event> out) {
        if (body == null) {
            out.add(RawFramer.event(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
            return;
        }
        body.write(bytes, offset, length);
        if (body.size() > maxBytes) {
            out.add(RawFramer.event(body.toByteArray()));
            body = null;
        }
    }

    @Override
    public void finish(List<Event> out) {
        if (body == null || body.size() == 0) {
            return;
        }
        byte[] raw = body.toByteArray();
        body = null;
        JsonNode json = JsonPieces.parse(raw, 0, raw.length);
        if (json == null) {
            out.add(RawFramer.event(raw));
            return;
        }
        List<Piece> pieces = new ArrayList<>();
        JsonPieces.collect(json, false, pieces);
        out.add(new Event(raw, pieces, () -> JsonPieces.utf8(JsonPieces.write(json))));
    }
}
