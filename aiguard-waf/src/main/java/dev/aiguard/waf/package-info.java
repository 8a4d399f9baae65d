/**
 * AIGuard's SecLang (ModSecurity rule language) WAF, able to run the OWASP Core Rule Set unchanged.
 * Start with {@link dev.aiguard.waf.SecLangEngine}: build it once from rule files, then create a
 * {@link dev.aiguard.waf.WafTransaction} per request from a {@link dev.aiguard.waf.WafRequest}.
 */
package dev.aiguard.waf;
