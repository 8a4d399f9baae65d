package dev.aiguard.api.internal;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds and masks text before it leaves the guard in findings and events.
 *
 * <p>Two layers: patterns that recognise credentials by their shape (bearer tokens, JWTs, provider API keys,
 * {@code api_key=...} pairs, credential header lines), and the exact credential values of the request at hand
 * ({@link #requestSecrets}), so that a cookie or key with no recognisable shape is masked as well.
 */
public final class Redaction {

    /** What a masked secret is replaced with. */
    public static final String MASK = "[REDACTED]";

    /** Longest text {@link #mask} looks at; longer text is cut first (bounded work per event). */
    public static final int MAX_TEXT = 4096;

    /** How far beyond an excerpt's length masking looks (masking can shrink the text, pulling later text in). */
    static final int EXCERPT_SCAN = 1024;

    /** A cut token longer than this is kept (cut): it is long enough for the shape patterns to recognise. */
    private static final int MAX_TRIM = 128;

    /** Secret values shorter than this are not masked by value (they would mask ordinary words). */
    static final int MIN_SECRET_LENGTH = 6;

    /** Header names whose values are credentials. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "api-key", "x-auth-token", "x-goog-api-key", "anthropic-api-key",
            "openai-api-key", "x-amz-security-token");

    /** Parameter names (query, form, JSON keys) whose values are credentials. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?:api[_-]?key|apikey|key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|auth|secret"
                    + "|client[_-]?secret|password|passwd|pwd|session(?:[_-]?id)?|sig|signature|credentials?)");

    /**
     * One masking rule: a pattern, whether its first group is kept (e.g. the {@code Bearer } prefix), and whether
     * group 2 must be a credential-like name for the match to count (name/value pairs).
     */
    private record Rule(Pattern pattern, boolean keepPrefix, boolean namedValue) {
        Rule(Pattern pattern, boolean keepPrefix) {
            this(pattern, keepPrefix, false);
        }
    }

    private static final List<Rule> RULES = List.of(
            // Header lines quoted in an excerpt: "Authorization: Bearer x", "Cookie: a=b".
            new Rule(Pattern.compile("(?i)(\\b(?:proxy-)?authorization\\s*:\\s*|\\b(?:set-)?cookie\\s*:\\s*"
                    + "|\\bx-api-key\\s*:\\s*|\\bapi-key\\s*:\\s*)[^\\r\\n]+"), true),
            // Auth schemes followed by a credential.
            new Rule(Pattern.compile("(?i)(\\b(?:bearer|basic|digest|token)\\s+)[A-Za-z0-9._~+/=-]{8,}"), true),
            // JSON Web Tokens (header.payload.signature, base64url).
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), false),
            // Provider API keys: sk-..., sk-proj-..., sk-ant-..., pk_live_..., AWS, GitHub, Slack, Google.
            new Rule(Pattern.compile("\\b(?:sk|pk|rk|ak)[-_][A-Za-z0-9_-]{12,}|\\bAKIA[0-9A-Z]{16}\\b"
                    + "|\\bgh[pousr]_[A-Za-z0-9]{20,}|\\bxox[abprs]-[A-Za-z0-9-]{10,}|\\bAIza[0-9A-Za-z_-]{30,}"), false),
            // name=value pairs (query strings, forms, cookies); the name is checked in code, which is cheaper than a
            // regex alternation tried at every position.
            new Rule(Pattern.compile("((?<![\\w.-])([\\w.-]++)\\s*=\\s*)[^&;,\\s\"']+"), true, true),
            // "name": "value" pairs (JSON).
            new Rule(Pattern.compile("(\"([\\w.-]++)\"\\s*:\\s*\")[^\"]*"), true, true));

    private Redaction() {
    }

    /** Masks secrets, then cuts to {@code max} characters (adding an ellipsis when cut). */
    public static String excerpt(String text, int max) {
        return excerpt(text, max, List.of());
    }

    /**
     * Masks secrets (by shape and the given exact values), then cuts to {@code max} characters, adding an ellipsis
     * when cut.
     */
    public static String excerpt(String text, int max, List<String> secrets) {
        if (text == null || text.isEmpty() || max <= 0) {
            return "";
        }
        String masked = mask(window(text, max + EXCERPT_SCAN), secrets);
        if (masked.length() <= max) {
            return masked;
        }
        int end = max;
        if (Character.isHighSurrogate(masked.charAt(end - 1))) {
            end--;
        }
        return masked.substring(0, end) + "…";
    }

    /** Masks secrets by shape and by the given exact values; text longer than {@link #MAX_TEXT} is cut first. */
    public static String mask(String text, List<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = window(text, MAX_TEXT);
        for (String secret : secrets) {
            if (secret.length() >= MIN_SECRET_LENGTH && out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        for (Rule rule : RULES) {
            out = apply(rule, out);
        }
        return out;
    }

    private static String apply(Rule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = null;
        int last = 0;
        do {
            if (rule.namedValue() && !isSecretName(m.group(2))) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, m.start());
            if (rule.keepPrefix()) {
                sb.append(m.group(1));
            }
            sb.append(MASK);
            last = m.end();
        } while (m.find());
        return sb == null ? text : sb.append(text, last, text.length()).toString();
    }

    /**
     * The first {@code limit} characters. When text is cut inside a token, the partial token is dropped as well: half
     * a key is too short for the patterns to recognise but is still half a key. A token longer than
     * {@value #MAX_TRIM} chars is cut instead (what remains is long enough to be recognised).
     */
    private static String window(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int floor = Math.max(0, limit - MAX_TRIM);
        int end = limit;
        while (end > floor && isTokenChar(text.charAt(end - 1))) {
            end--;
        }
        boolean tokenTooLong = end == floor && isTokenChar(text.charAt(end));
        int cut = tokenTooLong ? limit : end;
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut);
    }

    /** Characters credentials are made of (base64, base64url, hex, key prefixes). */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
    }

    /** Whether a header's values are credentials (Authorization, Cookie, API-key headers...). */
    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a parameter name (query, form, cookie, JSON key) suggests its value is a credential. */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_NAME.matcher(n).matches() || n.endsWith("key") || n.endsWith("token")
                || n.endsWith("secret") || n.endsWith("password") || n.endsWith("passwd");
    }

    /**
     * Whether a finding target points at credential data, e.g. {@code REQUEST_HEADERS:Authorization},
     * {@code REQUEST_COOKIES:session} or {@code ARGS:api_key}: excerpts of such targets are dropped whole.
     */
    public static boolean isSecretTarget(String target) {
        if (target == null || target.isEmpty()) {
            return false;
        }
        String t = target.toLowerCase(Locale.ROOT);
        if (t.startsWith("request_cookies") || t.startsWith("cookies")) {
            return true;
        }
        int colon = t.lastIndexOf(':');
        String name = colon >= 0 ? t.substring(colon + 1) : t;
        int dot = name.lastIndexOf('.');
        String leaf = dot >= 0 ? name.substring(dot + 1) : name;
        return isSecretHeader(name) || isSecretName(leaf);
    }

    /**
     * The credential values of a request, to be masked wherever they show up: credential header values (and the
     * token after an auth scheme), every cookie value, and query or form values with credential-like names.
     */
    public static List<String> requestSecrets(GuardRequest request) {
        List<String> secrets = new ArrayList<>();
        for (var line : request.headers().lines()) {
            if (isSecretHeader(line.name())) {
                addSecret(secrets, line.value().trim());
                int space = line.value().trim().indexOf(' ');
                if (space > 0) {
                    addSecret(secrets, line.value().trim().substring(space + 1).trim());
                }
            }
        }
        for (Param cookie : request.cookies()) {
            addSecret(secrets, cookie.value());
        }
        for (Param arg : request.queryArgs()) {
            if (isSecretName(arg.name())) {
                addSecret(secrets, arg.value());
            }
        }
        for (Param arg : request.formArgs()) {
            if (isSecretName(arg.name())) {
                addSecret(secrets, arg.value());
            }
        }
        // Longest first, so a value that contains another is masked whole.
        secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return secrets;
    }

    private static void addSecret(List<String> secrets, String value) {
        if (value.length() >= MIN_SECRET_LENGTH && !secrets.contains(value) && secrets.size() < 256) {
            secrets.add(value);
        }
    }
}
