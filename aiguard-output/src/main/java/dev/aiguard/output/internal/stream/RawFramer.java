package dev.aiguard.output.internal.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plain text: each chunk is an event holding one joining piece. Bytes are read as ISO-8859-1 (one char per byte), so a
 * chunk boundary inside a UTF-8 sequence is harmless and unchanged text is forwarded byte for byte.
 */
final class RawFramer implements Framer {

    @Override
    public void feed(byte[] bytes, int offset, int length, List<Event> out) {
        if (length > 0) {
            out.add(event(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
        }
    }

    @Override
    public void finish(List<Event> out) {
    }

    static Event event(byte[] raw) {
        Piece piece = Piece.raw(new String(raw, StandardCharsets.ISO_8859_1));
        return new Event(raw, List.of(piece), () -> piece.text().getBytes(StandardCharsets.ISO_8859_1));
    }
}
