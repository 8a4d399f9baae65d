/**
 * AIGuard's own injection detectors behind the SecLang operators {@code @detectSQLi} and
 * {@code @detectXSS} (CRS rules 942100/942101 and 941100/941101).
 *
 * <p>{@link dev.aiguard.waf.internal.detect.SqlInjectionDetector} lexes a value as SQL in the three
 * places it can land in a query (bare, inside a single-quoted or a double-quoted literal) and looks for
 * injection shapes near its start: boolean conditions after a break-out, UNION SELECT, stacked
 * statements, truncating comments, time-delay and file functions, evasive comments. Text that only
 * happens to contain an apostrophe or a quotation mark does not continue a query and is not flagged.
 *
 * <p>{@link dev.aiguard.waf.internal.detect.XssDetector} tokenizes a value as HTML from text, tag and
 * attribute-value starting points and flags script-capable tags, event handlers with code, script and
 * active {@code data:} URLs, style expressions and conditional comments.
 *
 * <p>Both work on byte strings (one char per byte), allocate little, and run in time linear in the
 * input. The design is independent of libinjection: no code or fingerprint table was taken from it.
 */
package dev.aiguard.waf.internal.detect;
