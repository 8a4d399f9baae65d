package dev.aiguard.output.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-Sent Events: an event ends at a blank line. A {@code data:} payload that is JSON yields one piece per string
 * value; other data (plain text) is one joining piece; {@code [DONE]} and events without data have none. An event
 * longer than the bound is released as plain text. Lines end in LF or CRLF.
 */
final class SseFramer implements Framer {

    private final int maxEventBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int lineStart;

    SseFramer(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length, List<Event> out) {
        int from = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            current.write(bytes, from, i + 1 - from);
            from = i + 1;
            int size = current.size();
            int lineLength = size - 1 - lineStart;
            byte[] buf = current.toByteArray();
            if (lineLength == 0 || (lineLength == 1 && buf[size - 2] == '\r')) {
                out.add(parse(buf));
                current.reset();
                lineStart = 0;
            } else {
                lineStart = size;
            }
        }
        current.write(bytes, from, offset + length - from);
        if (current.size() > maxEventBytes) {
            out.add(RawFramer.event(current.toByteArray()));
            current.reset();
            lineStart = 0;
        }
    }

    @Override
    public void finish(List<Event> out) {
        if (current.size() > 0) {
            out.add(parse(current.toByteArray()));
            current.reset();
            lineStart = 0;
        }
    }

    private static Event parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        List<String> lines = lines(text);
        StringBuilder data = new StringBuilder();
        int firstData = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("data:")) {
                if (firstData < 0) {
                    firstData = i;
                } else {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
        }
        if (firstData < 0 || data.toString().equals("[DONE]")) {
            return new Event(raw, List.of(), () -> raw);
        }
        byte[] dataBytes = data.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode json = JsonPieces.parse(dataBytes, 0, dataBytes.length);
        List<Piece> pieces = new ArrayList<>();
        if (json != null) {
            JsonPieces.collect(json, true, pieces);
        } else {
            pieces.add(Piece.raw(data.toString()));
        }
        int dataLine = firstData;
        return new Event(raw, pieces, () -> render(lines, dataLine,
                json != null ? JsonPieces.write(json) : pieces.get(0).text()));
    }

    /** Lines split at LF (a CR before it dropped); a trailing empty line kept, as {@code split(.., -1)} would. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(4);
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > from && text.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(text.substring(from, end));
                from = i + 1;
            }
        }
        out.add(text.substring(from));
        return out;
    }

    /** The event with its data lines replaced by {@code data} (one {@code data:} line per line of it). */
    private static byte[] render(List<String> lines, int firstData, String data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == firstData) {
                for (String d : lines(data)) {
                    sb.append("data: ").append(d).append('\n');
                }
            } else if (!line.startsWith("data:") && i < lines.size() - 1) {
                sb.append(line).append('\n');
            }
        }
        return JsonPieces.utf8(sb.toString());
    }
}
