package dev.aiguard.waf.crstest;

import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lenient HTTP/1.x request parser standing in for Apache httpd in front of ModSecurity (the CRS baseline):
 * it splits the request line at whitespace, keeps header names as sent, merges repeated headers into one
 * ({@code a, b}) as httpd does, unfolds obsolete line folding, drops Content-Length when Transfer-Encoding is
 * present, and reads the body de-chunked or by Content-Length. A header line with a bare CR is rejected, as httpd
 * rejects it with 400 before the WAF runs. Works on byte strings; never throws on malformed input.
 */
public final class RawHttpParser {

    private RawHttpParser() {
    }

    /**
     * Parses raw request bytes.
     *
     * @param raw        the bytes on the wire
     * @param remoteAddr client address to report
     * @param serverPort server port to report
     */
    public static ParsedRequest parse(byte[] raw, String remoteAddr, int serverPort) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int pos = 0;
        while (text.startsWith("\r\n", pos) || text.startsWith("\n", pos)) {
            pos += text.startsWith("\r\n", pos) ? 2 : 1;
        }
        int lineEnd = lineEnd(text, pos);
        String requestLine = text.substring(pos, lineEnd);
        pos = next(text, lineEnd);
        String[] parts = splitRequestLine(requestLine);
        List<HttpHeader> headers = new ArrayList<>();
        String rejection = null;
        while (pos < text.length()) {
            int end = lineEnd(text, pos);
            String line = text.substring(pos, end);
            pos = next(text, end);
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                HttpHeader last = headers.remove(headers.size() - 1);
                headers.add(new HttpHeader(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            if (line.indexOf('\r') >= 0) {
                rejection = "header line with a bare CR";
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            merge(headers, new HttpHeader(line.substring(0, colon), strip(line.substring(colon + 1))));
        }
        if (header(headers, "Transfer-Encoding") != null) {
            headers.removeIf(h -> h.name().equalsIgnoreCase("Content-Length"));
        }
        String rest = pos >= text.length() ? "" : text.substring(pos);
        String body = body(headers, rest);
        WafRequest request = new WafRequest(parts[0], parts[1], parts[2], headers, remoteAddr, 40000,
                serverName(headers), serverPort, body.getBytes(StandardCharsets.ISO_8859_1));
        return new ParsedRequest(request, rejection);
    }

    /** httpd keeps one entry per header name, joining repeated values with {@code ", "}. */
    private static void merge(List<HttpHeader> headers, HttpHeader header) {
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            if (h.name().equalsIgnoreCase(header.name())) {
                headers.set(i, new HttpHeader(h.name(), h.value() + ", " + header.value()));
                return;
            }
        }
        headers.add(header);
    }

    private static String[] splitRequestLine(String line) {
        String l = line;
        int first = indexOfSpace(l, 0);
        if (first < 0) {
            return new String[] {l, "", ""};
        }
        String method = l.substring(0, first);
        int uriStart = skipSpaces(l, first);
        int uriEnd = indexOfSpace(l, uriStart);
        if (uriEnd < 0) {
            return new String[] {method, l.substring(uriStart), ""};
        }
        int protoStart = skipSpaces(l, uriEnd);
        return new String[] {method, l.substring(uriStart, uriEnd), l.substring(protoStart).strip()};
    }

    private static int indexOfSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String body(List<HttpHeader> headers, String rest) {
        String te = header(headers, "Transfer-Encoding");
        if (te != null) {
            return te.toLowerCase(Locale.ROOT).contains("chunked") ? dechunk(rest) : "";
        }
        String cl = header(headers, "Content-Length");
        if (cl == null) {
            return "";
        }
        try {
            long n = Long.parseLong(cl.trim());
            return n <= 0 ? "" : rest.substring(0, (int) Math.min(n, rest.length()));
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static String dechunk(String rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < rest.length()) {
            int end = lineEnd(rest, pos);
            String sizeLine = rest.substring(pos, end);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                break;
            }
            pos = next(rest, end);
            if (size <= 0) {
                break;
            }
            int take = Math.min(size, rest.length() - pos);
            out.writeBytes(rest.substring(pos, pos + take).getBytes(StandardCharsets.ISO_8859_1));
            pos += take;
            pos = next(rest, lineEnd(rest, pos));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(List<HttpHeader> headers, String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    private static String serverName(List<HttpHeader> headers) {
        String host = header(headers, "Host");
        if (host == null || host.isEmpty()) {
            return "localhost";
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static int lineEnd(String s, int from) {
        int nl = s.indexOf('\n', from);
        if (nl < 0) {
            return s.length();
        }
        return nl > from && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    private static int next(String s, int lineEnd) {
        if (lineEnd >= s.length()) {
            return s.length();
        }
        return s.charAt(lineEnd) == '\r' ? Math.min(lineEnd + 2, s.length()) : lineEnd + 1;
    }
}
