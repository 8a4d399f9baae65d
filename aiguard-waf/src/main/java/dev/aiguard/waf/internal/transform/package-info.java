/**
 * ModSecurity transformations ({@code t:name}) with the behaviour of libmodsecurity 3.0.9, the
 * engine the OWASP CRS v4 regression tests and AIGuard's differential runs were recorded with.
 *
 * <p>Values are byte strings: each {@code char} is one byte (0-255). Every transformation is
 * stateless, linear in the input length, free of regular expressions, and returns its input
 * instance when it has nothing to change (so a chain can detect "unchanged" by identity).
 * Look them up with {@link dev.aiguard.waf.internal.transform.Transformations#byName(String)}.
 *
 * <p>Where ModSecurity has quirks that change what a rule sees, they are reproduced and documented
 * on the class (e.g. {@code utf8toUnicode} dropping truncated lead bytes, {@code base64Decode}
 * returning the empty string for invalid input, {@code normalizePath} treating {@code x..} as a
 * back-reference). Where ModSecurity's C code is quadratic (erasing in place), ours is linear with
 * the same result.
 *
 * <p>{@code urlDecodeUni} maps {@code %uXXXX} through ModSecurity's {@code unicode.mapping} table,
 * loaded at run time from a configured path (see {@link
 * dev.aiguard.waf.internal.transform.Transformations}); the table is reference data and is not part
 * of AIGuard. Without it the documented fallback (low byte, full-width ASCII folded) applies.
 */
package dev.aiguard.waf.internal.transform;
