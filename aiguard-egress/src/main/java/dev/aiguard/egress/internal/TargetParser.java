package dev.aiguard.egress.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a URL string into the {@link Target} the guarded client will connect to. The guarded client builds its
 * request from the returned target (never from the original string), so the check and the connection cannot disagree.
 *
 * <p>Ambiguity is refused rather than guessed: control characters and whitespace inside the URL, backslashes (which
 * browsers read as {@code /} and other parsers as data), and schemes other than http, https, ws and wss.
 */
public final class TargetParser {

    /** URLs longer than this are refused (bounded work, and no legitimate outbound URL needs more). */
    public static final int MAX_LENGTH = 8192;

    private TargetParser() {
    }

    /**
     * Parses {@code url}.
     *
     * @throws TargetSyntaxException when the URL is not one unambiguous http(s)/ws(s) destination
     */
    public static Target parse(String url) {
        if (url == null) {
            throw new TargetSyntaxException("no URL");
        }
        String s = url.strip();
        if (s.length() > MAX_LENGTH) {
            throw new TargetSyntaxException("URL longer than " + MAX_LENGTH + " characters");
        }
        checkCharacters(s);
        int colon = schemeEnd(s);
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        int defaultPort = Target.defaultPort(scheme);
        if (defaultPort < 0) {
            throw new UnsupportedSchemeException(scheme);
        }
        if (!s.startsWith("//", colon + 1)) {
            throw new TargetSyntaxException("expected '//' after the scheme");
        }
        int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < s.length() && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = s.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        String hostPort = at < 0 ? authority : authority.substring(at + 1);
        int portSplit = portSeparator(hostPort);
        Host host = HostParser.parse(portSplit < 0 ? hostPort : hostPort.substring(0, portSplit));
        int port = portSplit < 0 ? defaultPort : parsePort(hostPort.substring(portSplit + 1), defaultPort);
        return new Target(scheme, host, port, requestTarget(s, authorityEnd), at >= 0);
    }

    private static void checkCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\\' || Character.isWhitespace(c) && c != ' ') {
                throw new TargetSyntaxException(c == '\\' ? "backslash in URL" : "control character in URL");
            }
        }
    }

    private static int schemeEnd(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new TargetSyntaxException("no scheme");
        }
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                throw new TargetSyntaxException("invalid scheme");
            }
        }
        return colon;
    }

    private static int portSeparator(String hostPort) {
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        if (hostPort.startsWith("[")) {
            if (close < 0) {
                throw new TargetSyntaxException("unterminated IPv6 literal");
            }
            if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) != ':') {
                throw new TargetSyntaxException("junk after IPv6 literal");
            }
            return close + 1 < hostPort.length() ? close + 1 : -1;
        }
        return colon;
    }

    private static int parsePort(String text, int defaultPort) {
        if (text.isEmpty()) {
            return defaultPort;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new TargetSyntaxException("port is not a number");
            }
            value = value * 10 + (c - '0');
            if (value > 65535) {
                throw new TargetSyntaxException("port out of range");
            }
        }
        if (value == 0) {
            throw new TargetSyntaxException("port 0");
        }
        return value;
    }

    /** Path and query from {@code from}, fragment dropped, characters a URI cannot hold percent-encoded. */
    private static String requestTarget(String s, int from) {
        int hash = s.indexOf('#', from);
        int end = hash < 0 ? s.length() : hash;
        StringBuilder out = new StringBuilder(end - from + 8);
        if (from == end || s.charAt(from) != '/') {
            out.append('/');
        }
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%' && isHex(s, i + 1, end) && isHex(s, i + 2, end)) {
                out.append(c);
            } else if (c < 0x80 && c != '%' && isUriChar(c)) {
                out.append(c);
            } else {
                int cp = Character.codePointAt(s, i);
                if (Character.isSupplementaryCodePoint(cp)) {
                    i++;
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int i, int end) {
        return i < end && s.charAt(i) < 0x80 && Character.digit(s.charAt(i), 16) >= 0;
    }

    private static boolean isUriChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }
}
