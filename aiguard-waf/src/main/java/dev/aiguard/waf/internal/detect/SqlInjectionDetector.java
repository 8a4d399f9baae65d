package dev.aiguard.waf.internal.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AIGuard's own SQL injection detector behind {@code @detectSQLi}: tokenizes the input as SQL in the
 * contexts an injected value can start in (bare, after a single quote, after a double quote) and
 * recognises token shapes of injections. Thread-safe.
 *
 * <p>The shapes ({@link SqlShapes}) are boolean conditions such as {@code 1 OR 1=1} and
 * {@code ' or 'a'='a}, UNION SELECT, stacked statements ({@code ; DROP TABLE}), comments that cut off
 * the rest of the query ({@code admin'--}), time-delay and file functions ({@code sleep(}), and
 * comments used for evasion. The result names the shape, the context and the token fingerprint, for
 * example {@code boolean-condition/single-quote:s&s=s}.
 */
public final class SqlInjectionDetector {

    private static final int FINGERPRINT_LENGTH = 8;

    /**
     * @return a short description of what was recognised (e.g. a token fingerprint), or empty when the
     *         input does not look like SQL injection. The input is a byte string (ISO-8859-1 view).
     */
    public Optional<String> detect(String input) {
        if (input == null || input.isEmpty()) {
            return Optional.empty();
        }
        for (SqlContext context : SqlContext.values()) {
            if (context != SqlContext.AS_IS && input.indexOf(context.quote()) < 0) {
                continue;
            }
            Optional<String> found = detectIn(input, context);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Whether the first quote of the context's kind follows white space. */
    private static boolean followsSpace(String input, SqlContext context) {
        int quote = context == SqlContext.AS_IS ? -1 : input.indexOf(context.quote());
        return quote > 0 && SqlLexer.isSpace(input.charAt(quote - 1));
    }

    private static Optional<String> detectIn(String input, SqlContext context) {
        List<SqlToken> raw = SqlLexer.tokenize(input, context);
        SqlTokenView view = new SqlTokenView(raw);
        String evasion = SqlEvasion.find(input, raw);
        Optional<String> shape = evasion != null ? Optional.of(evasion)
                : SqlShapes.match(view, context, followsSpace(input, context));
        String where = context.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return shape.map(name -> name + "/" + where + ":" + view.fingerprint(FINGERPRINT_LENGTH));
    }
}
