package dev.aiguard.waf.internal.body;

import java.util.Locale;
import java.util.Set;

/**
 * A multipart part's {@code Content-Disposition: form-data; name="a"; filename="b"} value.
 *
 * @param name     the {@code name} parameter
 * @param filename the {@code filename} parameter, or {@code null} when the part is not a file
 */
record ContentDisposition(String name, String filename) {

    /**
     * Parses the header value, adding {@link MultipartFlag#INVALID_QUOTING} and
     * {@link MultipartFlag#MISSING_SEMICOLON} to {@code flags} where seen.
     *
     * @throws IllegalArgumentException when the value is not form-data or a parameter is malformed or repeated
     */
    static ContentDisposition parse(String value, Set<MultipartFlag> flags) {
        String v = value.trim();
        if (!v.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("Unknown Content-Disposition type");
        }
        int i = "form-data".length();
        String name = null;
        String filename = null;
        int n = v.length();
        while (i < n) {
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (v.charAt(i) != ';') {
                flags.add(MultipartFlag.MISSING_SEMICOLON);
            } else {
                i++;
            }
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = v.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("Invalid Content-Disposition header (no '=')");
            }
            String param = v.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder val = new StringBuilder();
            if (i < n && v.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = v.charAt(i);
                    if (c == '\\' && i + 1 < n && (v.charAt(i + 1) == '"' || v.charAt(i + 1) == '\\')) {
                        flags.add(MultipartFlag.INVALID_QUOTING);
                        val.append(v.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    val.append(c);
                    i++;
                }
                if (!closed) {
                    flags.add(MultipartFlag.INVALID_QUOTING);
                }
            } else {
                if (i < n && v.charAt(i) == '\'') {
                    flags.add(MultipartFlag.INVALID_QUOTING);
                }
                while (i < n && v.charAt(i) != ';' && v.charAt(i) != ' ' && v.charAt(i) != '\t') {
                    val.append(v.charAt(i));
                    i++;
                }
            }
            switch (param) {
                case "name" -> {
                    if (name != null) {
                        throw new IllegalArgumentException("Duplicate Content-Disposition name");
                    }
                    name = val.toString();
                }
                case "filename", "filename*" -> {
                    if (filename != null && param.equals("filename")) {
                        throw new IllegalArgumentException("Duplicate Content-Disposition filename");
                    }
                    filename = val.toString();
                }
                default -> throw new IllegalArgumentException(
                        "Invalid Content-Disposition header (unknown parameter '" + param + "')");
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("Content-Disposition header missing name field");
        }
        return new ContentDisposition(name, filename);
    }
}
