package dev.aiguard.identity.internal.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Normalizes a request path before route rules see it, the way servlet containers resolve it: percent-decoding once,
 * {@code \} as {@code /}, {@code ;params} dropped from each segment, empty and {@code .} segments removed and
 * {@code ..} resolved (never above the root). So {@code /v1/chat/..%2F..%2Fadmin} is judged as {@code /admin}.
 */
public final class PathNormalizer {

    /** Paths longer than this are judged by their first part only; route rules never need more. */
    private static final int MAX_LENGTH = 8192;

    private PathNormalizer() {
    }

    public static String normalize(String rawPath) {
        String path = rawPath.length() > MAX_LENGTH ? rawPath.substring(0, MAX_LENGTH) : rawPath;
        String decoded = percentDecode(path).replace('\\', '/');
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            String name = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name);
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(decoded.length() + 1);
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if (decoded.endsWith("/")) {
            out.append('/');
        }
        return out.toString();
    }

    /** Decodes {@code %XX} escapes as UTF-8; malformed escapes stay as they are. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                int cp = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
