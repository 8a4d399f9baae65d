package dev.aiguard.waf.internal.body;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code multipart/form-data} request-body processor. Works on the byte string of the body, line by line,
 * in linear time. It is strict the way ModSecurity is: every irregularity is reported as a {@link MultipartFlag};
 * structural problems (no boundary, missing final boundary, part without Content-Disposition) are errors.
 */
public final class MultipartBody {

    private final String boundary;
    private final int fileLimit;
    private final List<Param> args = new ArrayList<>();
    private final List<Param> files = new ArrayList<>();
    private final List<Param> fileSizes = new ArrayList<>();
    private final List<Param> partHeaders = new ArrayList<>();
    private final Set<MultipartFlag> flags = EnumSet.noneOf(MultipartFlag.class);
    private boolean sawCrlf;
    private boolean sawLf;

    private MultipartBody(String boundary, int fileLimit) {
        this.boundary = boundary;
        this.fileLimit = fileLimit;
    }

    /**
     * Parses a multipart body.
     *
     * @param body        the body as a byte string
     * @param contentType the request's Content-Type header value
     * @param fileLimit   at most this many files are recorded (SecUploadFileLimit)
     */
    public static MultipartResult parse(String body, String contentType, int fileLimit) {
        Set<MultipartFlag> boundaryFlags = EnumSet.noneOf(MultipartFlag.class);
        String boundary;
        try {
            boundary = boundary(contentType, boundaryFlags);
        } catch (IllegalArgumentException e) {
            return new MultipartResult(List.of(), List.of(), List.of(), List.of(), boundaryFlags,
                    "Multipart: " + e.getMessage());
        }
        MultipartBody parser = new MultipartBody(boundary, fileLimit);
        parser.flags.addAll(boundaryFlags);
        String error = parser.run(body);
        return new MultipartResult(parser.args, parser.files, parser.fileSizes, parser.partHeaders, parser.flags,
                error);
    }

    /** Extracts the boundary parameter from a Content-Type value. */
    static String boundary(String contentType, Set<MultipartFlag> flags) {
        if (contentType == null) {
            throw new IllegalArgumentException("Boundary not found");
        }
        int at = -1;
        int count = 0;
        String lower = contentType.toLowerCase(Locale.ROOT);
        for (int semi = lower.indexOf(';'); semi >= 0; semi = lower.indexOf(';', semi + 1)) {
            int name = semi + 1;
            while (name < lower.length() && (lower.charAt(name) == ' ' || lower.charAt(name) == '\t')) {
                name++;
            }
            if (lower.startsWith("boundary", name)) {
                count++;
                if (at < 0) {
                    at = name;
                }
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("Boundary not found");
        }
        if (count > 1) {
            throw new IllegalArgumentException("Multiple boundary parameters");
        }
        int i = at + 8;
        while (i < contentType.length() && (contentType.charAt(i) == ' ' || contentType.charAt(i) == '\t')) {
            flags.add(MultipartFlag.BOUNDARY_WHITESPACE);
            i++;
        }
        if (i >= contentType.length() || contentType.charAt(i) != '=') {
            throw new IllegalArgumentException("Invalid boundary in C-T (malformed)");
        }
        i++;
        while (i < contentType.length() && (contentType.charAt(i) == ' ' || contentType.charAt(i) == '\t')) {
            flags.add(MultipartFlag.BOUNDARY_WHITESPACE);
            i++;
        }
        String value = contentType.substring(i);
        if (value.startsWith("\"")) {
            int close = value.indexOf('"', 1);
            if (close < 0) {
                throw new IllegalArgumentException("Invalid boundary in C-T (quote)");
            }
            flags.add(MultipartFlag.BOUNDARY_QUOTED);
            value = value.substring(1, close);
        } else {
            int semicolon = value.indexOf(';');
            if (semicolon >= 0) {
                value = value.substring(0, semicolon);
            }
            String trimmed = value.stripTrailing();
            if (trimmed.length() != value.length()) {
                flags.add(MultipartFlag.BOUNDARY_WHITESPACE);
            }
            value = trimmed;
        }
        if (value.isEmpty() || value.length() > 70) {
            throw new IllegalArgumentException("Invalid boundary in C-T (length)");
        }
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < 0x20 || c > 0x7e || c == '"') {
                throw new IllegalArgumentException("Invalid boundary in C-T (characters)");
            }
            if (c == ' ') {
                flags.add(MultipartFlag.BOUNDARY_WHITESPACE);
            }
        }
        return value;
    }

    private enum State { PREAMBLE, HEADERS, DATA, EPILOGUE }

    private String run(String body) {
        String delimiter = "--" + boundary;
        State state = State.PREAMBLE;
        List<String> headers = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        String pendingEol = "";
        boolean finalSeen = false;
        int pos = 0;
        int n = body.length();
        while (pos < n) {
            int nl = body.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            boolean cr = end > pos && body.charAt(end - 1) == '\r';
            String line = body.substring(pos, cr ? end - 1 : end);
            String eol = nl < 0 ? "" : cr ? "\r\n" : "\n";
            pos = nl < 0 ? n : nl + 1;
            Boundary kind = boundaryKind(line, delimiter);
            if (state != State.EPILOGUE && kind != Boundary.NONE) {
                noteLineEnd(eol);
                if (state == State.DATA) {
                    String error = finishPart(headers, data.toString());
                    if (error != null) {
                        return error;
                    }
                } else if (state == State.HEADERS) {
                    return "Multipart: Invalid part (boundary inside part headers)";
                }
                headers.clear();
                data.setLength(0);
                pendingEol = "";
                if (kind == Boundary.FINAL) {
                    finalSeen = true;
                    state = State.EPILOGUE;
                } else {
                    state = State.HEADERS;
                }
                continue;
            }
            switch (state) {
                case PREAMBLE -> {
                    if (!line.isEmpty()) {
                        flags.add(MultipartFlag.DATA_BEFORE);
                    }
                    if (line.startsWith("--")) {
                        flags.add(MultipartFlag.UNMATCHED_BOUNDARY);
                    }
                }
                case HEADERS -> {
                    noteLineEnd(eol);
                    if (line.isEmpty()) {
                        state = State.DATA;
                    } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                        if (headers.isEmpty()) {
                            flags.add(MultipartFlag.INVALID_HEADER_FOLDING);
                            return "Multipart: Invalid part header (folding error)";
                        }
                        flags.add(MultipartFlag.HEADER_FOLDING);
                        int last = headers.size() - 1;
                        headers.set(last, headers.get(last) + " " + line.strip());
                    } else {
                        int colon = line.indexOf(':');
                        if (colon <= 0) {
                            flags.add(MultipartFlag.INVALID_PART);
                            return "Multipart: Invalid part header (colon missing)";
                        }
                        if (!validHeaderName(line, colon)) {
                            flags.add(MultipartFlag.INVALID_PART);
                            return "Multipart: Invalid part header (contains invalid character)";
                        }
                        headers.add(line);
                    }
                }
                case DATA -> {
                    if (line.startsWith("--") && line.length() > 2 && !line.startsWith(delimiter)
                            && looksLikeBoundary(line)) {
                        flags.add(MultipartFlag.UNMATCHED_BOUNDARY);
                    }
                    data.append(pendingEol).append(line);
                    pendingEol = eol;
                }
                case EPILOGUE -> {
                    if (!line.isBlank()) {
                        flags.add(MultipartFlag.DATA_AFTER);
                    }
                }
            }
        }
        if (!finalSeen) {
            return state == State.PREAMBLE ? "Multipart: No boundaries found in payload"
                    : "Multipart: Final boundary missing";
        }
        return null;
    }

    private enum Boundary { NONE, PART, FINAL }

    /** Classifies a line as a boundary line; trailing whitespace after the boundary is tolerated. */
    private Boundary boundaryKind(String line, String delimiter) {
        if (!line.startsWith(delimiter)) {
            return Boundary.NONE;
        }
        String rest = line.substring(delimiter.length());
        if (rest.startsWith("--") && rest.substring(2).isBlank()) {
            return Boundary.FINAL;
        }
        return rest.isBlank() ? Boundary.PART : Boundary.NONE;
    }

    /** Header names may only use the visible ASCII range 0x21-0x7E. */
    private static boolean validHeaderName(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeBoundary(String line) {
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private void noteLineEnd(String eol) {
        if (eol.equals("\n")) {
            sawLf = true;
            flags.add(MultipartFlag.LF_LINE);
        } else if (eol.equals("\r\n")) {
            sawCrlf = true;
        }
        if (sawLf && sawCrlf) {
            flags.add(MultipartFlag.CRLF_LF_LINES);
        }
    }

    private String finishPart(List<String> headers, String data) {
        String disposition = null;
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Disposition")) {
                if (disposition != null) {
                    flags.add(MultipartFlag.INVALID_PART);
                    return "Multipart: Duplicate Content-Disposition header";
                }
                disposition = header.substring(colon + 1).trim();
            }
        }
        if (disposition == null) {
            flags.add(MultipartFlag.INVALID_PART);
            return "Multipart: Part missing Content-Disposition header";
        }
        ContentDisposition cd;
        try {
            cd = ContentDisposition.parse(disposition, flags);
        } catch (IllegalArgumentException e) {
            flags.add(MultipartFlag.INVALID_PART);
            return "Multipart: " + e.getMessage();
        }
        for (String header : headers) {
            partHeaders.add(new Param(cd.name(), header));
        }
        if (cd.filename() != null) {
            if (files.size() >= fileLimit) {
                flags.add(MultipartFlag.FILE_LIMIT_EXCEEDED);
                return null;
            }
            files.add(new Param(cd.name(), cd.filename()));
            fileSizes.add(new Param(cd.name(), Integer.toString(data.length())));
        } else {
            args.add(new Param(cd.name(), data));
        }
        return null;
    }
}
