package dev.aiguard.waf.internal.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether one {@link HtmlEvent} can run script: script-capable tags, event-handler attributes,
 * script URLs, HTML in {@code srcdoc}, script in styles, and conditional or import comments.
 */
final class XssRules {

    /** Tags that run script or load active content by themselves. */
    private static final Set<String> DANGEROUS_TAGS = Set.of("script", "iframe", "frame", "frameset",
            "object", "embed", "applet", "base", "style", "svg", "math", "meta", "link", "xml", "import",
            "vmlframe", "isindex", "template", "portal", "layer", "ilayer", "bgsound");

    /** Attributes whose value is fetched or navigated to as a URL. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data",
            "background", "lowsrc", "dynsrc", "poster", "codebase", "code", "archive", "longdesc", "usemap",
            "cite", "profile", "classid", "manifest", "icon", "ping");

    private static final String[] SCRIPT_SCHEMES = {"javascript:", "vbscript:", "livescript:", "mocha:"};

    private static final Set<String> SAFE_DATA_TYPES = Set.of("data:image/png", "data:image/gif",
            "data:image/jpeg", "data:image/jpg", "data:image/webp", "data:image/bmp");

    private static final String[] ACTIVE_DATA_TYPES = {"data:text/html", "data:image/svg",
            "data:text/javascript", "data:application/", "data:text/xml"};

    private static final String[] STYLE_SCRIPT = {"expression(", "javascript:", "vbscript:", "-moz-binding",
            "behavior:", "behaviour:"};

    private static final int SCHEME_PREFIX = 40;

    private XssRules() {
    }

    /** @return what makes the event dangerous, or null */
    static String check(HtmlEvent event) {
        switch (event.kind()) {
            case START_TAG:
                return DANGEROUS_TAGS.contains(localName(event.name())) ? "tag:" + localName(event.name()) : null;
            case END_TAG:
                return localName(event.name()).equals("script") ? "end-tag:script" : null;
            case COMMENT:
                return checkComment(event.name());
            default:
                return event.value() == null ? null : checkAttribute(localName(event.name()), event.value());
        }
    }

    private static String checkAttribute(String name, String value) {
        if (isEventHandler(name) && looksLikeCode(value)) {
            return "event-handler:" + name;
        }
        if (name.equals("srcdoc")) {
            return "srcdoc";
        }
        if (name.equals("style") && containsAny(withoutCssComments(value.toLowerCase(Locale.ROOT)), STYLE_SCRIPT)) {
            return "style-script";
        }
        if (value.startsWith("&{") && value.indexOf('}') > 2) {
            return "script-entity";
        }
        String url = urlPrefix(value);
        for (String scheme : SCRIPT_SCHEMES) {
            // The value an injection starts in has no known name; there a scheme must be followed by code
            // at once, so that text such as "JavaScript: the good parts" is not taken for a URL.
            if (url.startsWith(scheme) && (!name.isEmpty() || startsWithCode(value, scheme))) {
                return "script-url:" + scheme;
            }
        }
        if (url.startsWith("data:") && isActiveData(name, url)) {
            return "data-url";
        }
        return null;
    }

    /** {@code on} followed by at least three letters: every HTML, SVG and made-up event handler. */
    private static boolean isEventHandler(String name) {
        if (name.length() < 5 || !name.startsWith("on")) {
            return false;
        }
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Script has punctuation ({@code alert(1)}, {@code location=name}, {@code alert`1`}); a plain word or
     * number such as {@code online=yes} does nothing as a handler and is common in text.
     */
    private static boolean looksLikeCode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '-' && c != '_') {
                return true;
            }
        }
        return false;
    }

    private static boolean isActiveData(String name, String url) {
        if (URL_ATTRIBUTES.contains(name)) {
            for (String safe : SAFE_DATA_TYPES) {
                if (url.startsWith(safe)) {
                    return false;
                }
            }
            return true;
        }
        return containsAny(url, ACTIVE_DATA_TYPES) && url.indexOf("data:") == 0;
    }

    /**
     * The start of a value as a browser reads a URL scheme: leading controls and spaces dropped, tabs
     * and line breaks inside removed, lower-cased.
     */
    private static String urlPrefix(String value) {
        StringBuilder sb = new StringBuilder(SCHEME_PREFIX);
        for (int i = 0; i < value.length() && sb.length() < SCHEME_PREFIX; i++) {
            char c = value.charAt(i);
            if (c == '&') {
                int skip = namedEntityLength(value, i);
                if (skip > 0) {
                    if (value.regionMatches(true, i, "&colon;", 0, 7)) {
                        sb.append(':');
                    }
                    i += skip - 1;
                    continue;
                }
            }
            if (c > ' ') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /**
     * HTML5 named references for a colon, tab and line feed, which ModSecurity's htmlEntityDecode
     * leaves alone but browsers decode inside URLs.
     */
    private static int namedEntityLength(String value, int i) {
        for (String entity : new String[] {"&colon;", "&tab;", "&newline;"}) {
            if (value.regionMatches(true, i, entity, 0, entity.length())) {
                return entity.length();
            }
        }
        return 0;
    }

    /** {@code expr/**}{@code /ession(} is {@code expression(} to a CSS parser. */
    private static String withoutCssComments(String css) {
        if (!css.contains("/*")) {
            return css;
        }
        StringBuilder sb = new StringBuilder(css.length());
        int i = 0;
        while (i < css.length()) {
            int open = css.indexOf("/*", i);
            if (open < 0) {
                sb.append(css, i, css.length());
                break;
            }
            sb.append(css, i, open);
            int close = css.indexOf("*/", open + 2);
            i = close < 0 ? css.length() : close + 2;
        }
        return sb.toString();
    }

    private static boolean startsWithCode(String value, String scheme) {
        int colon = value.indexOf(':');
        int after = colon + 1;
        return colon >= scheme.length() - 1 && after < value.length() && value.charAt(after) > ' ';
    }

    private static String checkComment(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[if") || lower.startsWith("[endif")) {
            return "comment:conditional";
        }
        return lower.startsWith("import") || lower.startsWith("xml-stylesheet") ? "comment:import" : null;
    }

    /** {@code svg:script} and {@code x:script} are scripts in XHTML. */
    private static String localName(String name) {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static boolean containsAny(String text, String[] needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
