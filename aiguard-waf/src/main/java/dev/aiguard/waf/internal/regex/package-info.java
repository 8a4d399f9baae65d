/**
 * Regex engines for {@code @rx}: {@link dev.aiguard.waf.internal.regex.HyperscanEngine} (x86-64, native,
 * with RE2/J for captures, prefilter confirmation and patterns Hyperscan rejects) and
 * {@link dev.aiguard.waf.internal.regex.Re2jEngine} (portable). Both implement the byte-string
 * semantics documented on {@link dev.aiguard.waf.internal.regex.CompiledPattern};
 * {@link dev.aiguard.waf.internal.regex.RegexEngines#select} picks one.
 */
package dev.aiguard.waf.internal.regex;
