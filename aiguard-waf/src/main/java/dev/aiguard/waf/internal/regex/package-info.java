/**
 * Regex engines for {@code @rx}: {@link dev.aiguard.waf.internal.regex.HyperscanEngine} (x86-64, native,
 * with RE2/J for captures, prefilter confirmation and patterns Hyperscan rejects; patterns too large for
 * Hyperscan are split into exact pieces by {@link dev.aiguard.waf.internal.regex.AlternationSplitter}, and
 * compiled databases are cached on disk by {@link dev.aiguard.waf.internal.regex.DatabaseCache}) and
 * {@link dev.aiguard.waf.internal.regex.Re2jEngine} (portable). Both implement the byte-string
 * semantics documented on {@link dev.aiguard.waf.internal.regex.CompiledPattern};
 * {@link dev.aiguard.waf.internal.regex.RegexEngines#select} picks one.
 */
package dev.aiguard.waf.internal.regex;
