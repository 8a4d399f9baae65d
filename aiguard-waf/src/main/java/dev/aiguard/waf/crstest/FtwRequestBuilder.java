package dev.aiguard.waf.crstest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a go-ftw stage input into the raw bytes go-ftw 2.x would send: request line, headers sorted by name,
 * blank line, body. With {@code autocomplete_headers} (the default) it adds {@code Content-Type:
 * application/x-www-form-urlencoded} to bodies without one, form-encodes such bodies unless they already look
 * encoded, and adds {@code Connection: close} and {@code Content-Length}. Multipart bodies get every LF turned
 * into CRLF. {@code encoded_request} is sent as decoded, untouched.
 */
public final class FtwRequestBuilder {

    private static final String CONTENT_TYPE = "Content-Type";
    private static final String FORM = "application/x-www-form-urlencoded";
    /** go-ftw's check for methods that carry a body (unanchored alternatives, as go-ftw writes it). */
    private static final Pattern BODY_METHODS = Pattern.compile("^POST|PUT|PATCH|DELETE$");

    private FtwRequestBuilder() {
    }

    /**
     * @throws IllegalArgumentException when {@code encoded_request} is not base64
     */
    public static byte[] build(FtwInput in) {
        if (in.encodedRequest() != null && !in.encodedRequest().isEmpty()) {
            return Base64.getMimeDecoder().decode(in.encodedRequest());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : in.headers()) {
            headers.put(h.getKey(), h.getValue());
        }
        byte[] data = in.data() == null ? new byte[0] : in.data().getBytes(StandardCharsets.UTF_8);
        if (data.length > 0 && in.autocompleteHeaders()) {
            addIfMissing(headers, CONTENT_TYPE, FORM);
            data = encodeForm(headers, data);
        }
        String contentType = get(headers, CONTENT_TYPE) == null ? "" : get(headers, CONTENT_TYPE);
        if (contentType.startsWith("multipart/form-data;")) {
            data = lfToCrlf(data);
        }
        if (in.autocompleteHeaders()) {
            addIfMissing(headers, "Connection", "close");
            if (data.length > 0 || BODY_METHODS.matcher(in.method()).find()) {
                addIfMissing(headers, "Content-Length", Integer.toString(data.length));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, in.method() + " " + in.uri() + " " + in.version() + "\r\n");
        List<String> names = new ArrayList<>(headers.keySet());
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            write(out, name + ": " + headers.get(name) + "\r\n");
        }
        write(out, "\r\n");
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * go-ftw adds a header only when there is none with that name (or its value is empty). Names compare
     * case-insensitively: a test's {@code Content-type: application/xml} must not get a second Content-Type
     * (931100-3 relies on it).
     */
    private static void addIfMissing(Map<String, String> headers, String name, String value) {
        String key = name;
        for (String existing : headers.keySet()) {
            if (existing.equalsIgnoreCase(name)) {
                key = existing;
            }
        }
        String existing = headers.get(key);
        if (existing == null || existing.isEmpty()) {
            headers.put(key, value);
        }
    }

    private static String get(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static byte[] encodeForm(Map<String, String> headers, byte[] data) {
        if (!FORM.equals(get(headers, CONTENT_TYPE)) || GoUrl.unescapeChanges(data)) {
            return data;
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < data.length) {
            int amp = indexOf(data, (byte) '&', start);
            int end = amp < 0 ? data.length : amp;
            int eq = indexOf(data, (byte) '=', start);
            if (eq < 0 || eq >= end) {
                out.append(GoUrl.queryEscape(data, start, end));
            } else {
                out.append(GoUrl.queryEscape(data, start, eq)).append('=')
                        .append(GoUrl.queryEscape(data, eq + 1, end));
            }
            out.append('&');
            start = amp < 0 ? data.length : amp + 1;
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] lfToCrlf(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        for (byte b : data) {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
