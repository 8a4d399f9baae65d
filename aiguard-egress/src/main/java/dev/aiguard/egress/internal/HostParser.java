package dev.aiguard.egress.internal;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one host parser: every place that needs to know "which machine is this" goes through it. Order of work follows
 * the WHATWG URL host parser: percent-decode, IDN to ASCII (which also folds full-width and enclosed digits and the
 * ideographic full stops), forbidden characters, then "ends in a number" decides IPv4 (any encoding) versus name.
 */
public final class HostParser {

    private static final int MAX_NAME = 253;

    private HostParser() {
    }

    /**
     * Parses the host part of an authority: {@code [v6]} (optionally with a zone id) or anything else.
     *
     * @throws TargetSyntaxException when it is not a usable host
     */
    public static Host parse(String raw) {
        if (raw.isEmpty()) {
            throw new TargetSyntaxException("empty host");
        }
        if (raw.charAt(0) == '[') {
            if (raw.charAt(raw.length() - 1) != ']') {
                throw new TargetSyntaxException("unterminated IPv6 literal");
            }
            return parseBracketed(raw.substring(1, raw.length() - 1));
        }
        String decoded = raw.indexOf('%') >= 0 ? percentDecode(raw) : raw;
        String ascii = toAscii(decoded);
        checkForbidden(ascii);
        if (Ipv4Parser.endsInNumber(ascii)) {
            long v4 = Ipv4Parser.parse(ascii);
            if (v4 == Ipv4Parser.INVALID) {
                throw new TargetSyntaxException("host ends in a number but is not a valid IPv4 address");
            }
            return Host.ofIp(IpAddress.ofV4(v4));
        }
        return Host.ofName(checkName(ascii));
    }

    /** Parses an IP literal without brackets (for policy CIDRs and resolver answers), or returns {@code null}. */
    public static IpAddress parseIpLiteral(String text) {
        if (text.indexOf(':') >= 0) {
            byte[] v6 = Ipv6Parser.parse(text);
            return v6 == null ? null : new IpAddress(v6);
        }
        if (!Ipv4Parser.endsInNumber(text)) {
            return null;
        }
        long v4 = Ipv4Parser.parse(text);
        return v4 == Ipv4Parser.INVALID ? null : IpAddress.ofV4(v4);
    }

    private static Host parseBracketed(String inner) {
        String zone = null;
        int pct = inner.indexOf('%');
        if (pct >= 0) {
            // RFC 6874 writes the zone separator as %25; accept the bare form RFC 4007 text uses as well.
            zone = inner.startsWith("25", pct + 1) ? inner.substring(pct + 3) : inner.substring(pct + 1);
            inner = inner.substring(0, pct);
            if (zone.isEmpty() || !zone.chars().allMatch(HostParser::isZoneChar)) {
                throw new TargetSyntaxException("invalid IPv6 zone id");
            }
        }
        byte[] bytes = Ipv6Parser.parse(inner);
        if (bytes == null) {
            throw new TargetSyntaxException("invalid IPv6 address");
        }
        return new Host(null, new IpAddress(bytes), zone);
    }

    private static boolean isZoneChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '~' || c == '-';
    }

    private static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    throw new TargetSyntaxException("bad percent-encoding in host");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 3;
            } else {
                int end = raw.indexOf('%', i);
                end = end < 0 ? raw.length() : end;
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TargetSyntaxException("percent-encoded host is not UTF-8");
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String toAscii(String host) {
        boolean ascii = host.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return host.toLowerCase(Locale.ROOT);
        }
        try {
            // IDNA 2003 ToASCII: NFKC folds U+2460.. enclosed digits and full-width forms; U+3002, U+FF0E and
            // U+FF61 separate labels like '.'.
            return IDN.toASCII(host).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new TargetSyntaxException("host is not a valid internationalized domain name");
        }
    }

    private static void checkForbidden(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "#%/:<>?@[\\]^|\"'`{}".indexOf(c) >= 0) {
                throw new TargetSyntaxException("forbidden character in host");
            }
        }
    }

    private static String checkName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new TargetSyntaxException("host name is empty or too long");
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                checkLabel(name, labelStart, i);
                labelStart = i + 1;
            }
        }
        return name;
    }

    private static void checkLabel(String name, int start, int end) {
        if (end == start || end - start > 63) {
            throw new TargetSyntaxException("empty or over-long label in host name");
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new TargetSyntaxException("character '" + c + "' not allowed in a host name");
            }
        }
    }
}
