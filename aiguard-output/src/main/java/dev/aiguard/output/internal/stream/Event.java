package dev.aiguard.output.internal.stream;

import java.util.List;
import java.util.function.Supplier;

/**
 * One unit of the response the filter releases whole: an SSE event, an NDJSON line, a whole JSON body, or a chunk of
 * plain text. Forwarded byte for byte unless one of its pieces was rewritten, in which case it is re-rendered.
 *
 * @param raw    the bytes as they came
 * @param pieces the text inside, in order
 * @param render builds the bytes after a rewrite
 */
record Event(byte[] raw, List<Piece> pieces, Supplier<byte[]> render) {

    boolean modified() {
        for (Piece p : pieces) {
            if (p.modified()) {
                return true;
            }
        }
        return false;
    }

    byte[] bytes() {
        return modified() ? render.get() : raw;
    }

    boolean hasJoiningText() {
        for (Piece p : pieces) {
            if (p.joins() && !p.text().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
