/**
 * The SecLang runtime: {@link dev.aiguard.waf.internal.engine.RuleCompiler} turns parsed directives into an
 * immutable {@link dev.aiguard.waf.internal.engine.RuleSet}; a {@link dev.aiguard.waf.internal.engine.Transaction}
 * runs one request through phases 1-5.
 *
 * <p>Semantics follow ModSecurity v2 (the baseline the OWASP CRS regression suite is written for): {@code setvar},
 * {@code ctl} and {@code capture} run once per matched value; a chain is an AND whose starter's actions run before
 * the next link is evaluated; non-chained rules log once per matched value, chains once; {@code block} takes the
 * phase's SecDefaultAction; in DetectionOnly nothing interrupts; phase 5 runs even after an interruption.
 *
 * <p>Deliberately not supported (accepted where harmless, documented where not): persistent collections
 * ({@code initcol}, {@code setsid}, {@code setuid}, {@code expirevar} are no-ops; only TX exists), {@code exec},
 * content injection ({@code append}/{@code prepend}), the audit log ({@code ctl:auditEngine} and audit directives are
 * ignored), XPath beyond {@code XML:/*} (all text) and {@code XML://@*} (all attribute values),
 * {@code MULTIPART_FILENAME}/{@code MULTIPART_NAME}, {@code FULL_REQUEST}, {@code AUTH_TYPE}, {@code REMOTE_USER}
 * (never set). Request bodies beyond {@code SecRequestBodyLimit} are inspected up to the limit (ProcessPartial) and
 * set {@code INBOUND_DATA_ERROR}.
 */
package dev.aiguard.waf.internal.engine;
