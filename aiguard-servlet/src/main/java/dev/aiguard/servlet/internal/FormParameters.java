package dev.aiguard.servlet.internal;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Servlet parameters (query string, then URL-encoded form body) as {@code getParameterMap()} returns them. */
final class FormParameters {

    private FormParameters() {
    }

    static Map<String, String[]> parse(String query, byte[] form, Charset formCharset) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        add(values, query, StandardCharsets.UTF_8);
        add(values, new String(form, formCharset), formCharset);
        Map<String, String[]> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }

    private static void add(Map<String, List<String>> values, String encoded, Charset charset) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair, charset);
            String value = eq >= 0 ? decode(pair.substring(eq + 1), charset) : "";
            values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
    }

    /** Decodes, keeping malformed escapes as they are rather than failing the application's call. */
    private static String decode(String s, Charset charset) {
        try {
            return URLDecoder.decode(s, charset);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
