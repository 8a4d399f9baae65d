/**
 * SecLang (ModSecurity rule language) parsing: {@link dev.aiguard.waf.internal.seclang.SecLangParser}
 * turns rule files into flat, ordered {@link dev.aiguard.waf.internal.seclang.Directive} records.
 *
 * <p>Decisions where ModSecurity versions differ or the manual is silent:
 * <ul>
 *   <li><b>Backslashes.</b> In a quoted argument only {@code \"} (or {@code \'} in a single-quoted
 *       one) is unescaped; every other backslash is kept with the character after it, so
 *       {@code "@rx a\\"} gives the regex {@code a\\} (Apache would give {@code a\}). CRS avoids
 *       {@code \\} entirely (it writes {@code \x5c}), so both readings agree on CRS. The same rule
 *       applies inside single-quoted action values and selectors.</li>
 *   <li><b>Comments</b> are whole lines whose first non-blank character is {@code #}; there are no
 *       trailing comments ({@code SecRuleEngine On # x} is an argument-count error, as in
 *       ModSecurity). A comment line ending in {@code \} does not continue onto the next line.</li>
 *   <li><b>Selectors.</b> {@code ARGS:'/re/'} is a regex like {@code ARGS:/re/} (ModSecurity v2
 *       strips the quotes first); {@code XML:} selectors are XPath and never regexes.</li>
 *   <li><b>Include.</b> Relative to the including file; globs only in the file name, expanded in
 *       name order; a glob that matches nothing is an error (use {@code IncludeOptional} to allow
 *       that); cycles and nesting deeper than 32 files are errors.</li>
 *   <li><b>Bytes.</b> Files are read as ISO-8859-1, one char per byte.</li>
 *   <li><b>Errors.</b> Everything not understood is a
 *       {@link dev.aiguard.waf.internal.seclang.SecLangException} naming file, first line of the
 *       statement and the offending token (cut to 60 characters). Whether an action, operator,
 *       transformation or setting value is meaningful is checked later by the rule compiler.</li>
 * </ul>
 */
package dev.aiguard.waf.internal.seclang;
