package dev.aiguard.waf.internal.detect;

import java.util.Locale;
import java.util.Optional;

/**
 * AIGuard's own cross-site scripting detector behind {@code @detectXSS}: tokenizes the input as HTML
 * in the contexts an injected value can start in and recognises script-bearing tags, attributes and
 * URLs. Thread-safe.
 *
 * <p>Each {@link HtmlContext} is tried in turn with {@link HtmlTokenizer}; {@link XssRules} judges the
 * tags, attributes and comments found. The result names the rule and the context, for example
 * {@code event-handler:onload/data}.
 */
public final class XssDetector {

    /**
     * @return a short description of what was recognised, or empty when the input does not look like
     *         XSS. The input is a byte string (ISO-8859-1 view).
     */
    public Optional<String> detect(String input) {
        if (input == null || !canCarryScript(input)) {
            return Optional.empty();
        }
        for (HtmlContext context : HtmlContext.values()) {
            // Without its quote a quoted context reads the whole input as one value; that reading is
            // the same for every quote, so only the double-quoted one makes it.
            if (context.quote() != '\0' && context != HtmlContext.VALUE_DOUBLE_QUOTED
                    && input.indexOf(context.quote()) < 0) {
                continue;
            }
            String[] found = new String[1];
            HtmlTokenizer.tokenize(input, context, event -> (found[0] = XssRules.check(event)) != null);
            if (found[0] != null) {
                return Optional.of(found[0] + "/" + context.name().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /**
     * Every rule needs a tag ({@code <}), an attribute value ({@code =}) or a URL scheme ({@code :});
     * most benign values have none and are settled by this one scan.
     */
    private static boolean canCarryScript(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '<' || c == '=' || c == ':') {
                return true;
            }
        }
        return false;
    }
}
