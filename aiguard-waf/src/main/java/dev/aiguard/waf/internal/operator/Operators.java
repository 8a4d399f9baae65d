package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.detect.SqlInjectionDetector;
import dev.aiguard.waf.internal.detect.XssDetector;

import java.util.Arrays;
import java.util.Locale;

/**
 * Compiles operators by name, with ModSecurity semantics. Names are case-insensitive. Arguments of the
 * string and numeric operators may hold {@code %{...}} macros, expanded at each evaluation; all other
 * arguments are parsed once, here.
 */
public final class Operators {

    private Operators() {
    }

    /**
     * @param name     the operator name without {@code @} ({@code rx}, {@code pmFromFile}, ...)
     * @param argument the argument as written (may contain macros for the non-regex operators)
     * @throws IllegalArgumentException for an unknown operator or a bad argument (the message says which)
     */
    public static Operator create(String name, String argument, OperatorEnv env) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("operator name is missing");
        }
        String arg = argument == null ? "" : argument;
        String key = name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "rx" -> rx(arg, env);
            case "pm" -> new PhraseOperator(phrases(Arrays.asList(arg.strip().split("\\s+")), "@pm"));
            case "pmfromfile", "pmf" -> new PhraseOperator(
                    phrases(PhraseFiles.load(env == null ? null : env.ruleDir(), arg), "@" + name));
            case "contains" -> string(StringTest.CONTAINS, arg);
            case "containsword" -> string(StringTest.CONTAINS_WORD, arg);
            case "beginswith" -> string(StringTest.BEGINS_WITH, arg);
            case "endswith" -> string(StringTest.ENDS_WITH, arg);
            case "streq" -> string(StringTest.STREQ, arg);
            case "within" -> string(StringTest.WITHIN, arg);
            case "eq" -> numeric(NumericComparison.EQ, arg);
            case "ne" -> numeric(NumericComparison.NE, arg);
            case "gt" -> numeric(NumericComparison.GT, arg);
            case "ge" -> numeric(NumericComparison.GE, arg);
            case "lt" -> numeric(NumericComparison.LT, arg);
            case "le" -> numeric(NumericComparison.LE, arg);
            case "ipmatch" -> IpMatchOperator.parse(arg);
            case "validatebyterange" -> ByteRangeOperator.parse(arg);
            case "validateurlencoding" -> new UrlEncodingValidator();
            case "validateutf8encoding" -> new Utf8EncodingValidator();
            case "unconditionalmatch" -> ConstantOperator.UNCONDITIONAL_MATCH;
            case "nomatch" -> ConstantOperator.NO_MATCH;
            // No GeoIP database and, by design, no DNS blocklist look-ups from inside the WAF: these never match,
            // so rule sets that use them (CRS 3.3's IP reputation rules) load and those rules stay silent.
            case "geolookup", "rbl" -> ConstantOperator.NO_MATCH;
            case "detectsqli" -> new DetectorOperator(new SqlInjectionDetector()::detect);
            case "detectxss" -> new DetectorOperator(new XssDetector()::detect);
            default -> throw new IllegalArgumentException("unknown operator '@" + name + "'");
        };
    }

    private static Operator rx(String pattern, OperatorEnv env) {
        if (env == null || env.regex() == null) {
            throw new IllegalArgumentException("@rx needs a regex engine in the operator environment");
        }
        try {
            return new RxOperator(env.regex().compile(pattern));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@rx: " + e.getMessage(), e);
        }
    }

    private static PhraseMatcher phrases(java.util.List<String> phrases, String operator) {
        PhraseMatcher matcher = PhraseMatcher.of(phrases);
        if (matcher.size() == 0) {
            throw new IllegalArgumentException(operator + " needs at least one phrase");
        }
        return matcher;
    }

    private static Operator string(StringTest test, String argument) {
        return new StringOperator(test, MacroText.of(argument));
    }

    private static Operator numeric(NumericComparison comparison, String argument) {
        return new NumericOperator(comparison, MacroText.of(argument));
    }
}
