package dev.aiguard.waf;

import dev.aiguard.waf.internal.regex.FallbackEngine;
import dev.aiguard.waf.internal.regex.RegexEngine;
import dev.aiguard.waf.internal.seclang.ActionSpec;
import dev.aiguard.waf.internal.seclang.Directive;
import dev.aiguard.waf.internal.seclang.RuleDirective;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names the rules whose {@code @rx} runs on the bounded backtracking fallback, once per load, so an
 * operator knows which rules match differently from the rest (a budget, and aborts count as matches).
 */
final class FallbackRuleReport {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackRuleReport.class);

    private FallbackRuleReport() {
    }

    /** The rules (as {@code id at file:line}; chain links by location only) whose pattern used the fallback. */
    static List<String> rulesOnFallback(List<Directive> directives, RegexEngine regex) {
        if (!(regex instanceof FallbackEngine fallback) || fallback.fallbacks().isEmpty()) {
            return List.of();
        }
        Set<String> patterns = fallback.fallbacks().stream().map(FallbackEngine.Use::pattern)
                .collect(Collectors.toSet());
        return directives.stream()
                .filter(d -> d instanceof RuleDirective r && r.operator().name().equalsIgnoreCase("rx")
                        && patterns.contains(r.operator().argument()))
                .map(d -> describe((RuleDirective) d))
                .toList();
    }

    /** Logs {@link #rulesOnFallback} at INFO when there are any. */
    static void log(List<Directive> directives, RegexEngine regex) {
        List<String> rules = rulesOnFallback(directives, regex);
        if (!rules.isEmpty()) {
            LOG.info("{} rule(s) use the bounded backtracking regex fallback (patterns {} cannot run): {}",
                    rules.size(), regex.name(), String.join(", ", rules));
        }
    }

    private static String describe(RuleDirective rule) {
        String id = rule.actions().stream().filter(a -> a.name().equalsIgnoreCase("id")).map(ActionSpec::value)
                .findFirst().map(v -> v + " at ").orElse("chained rule at ");
        return id + rule.location();
    }
}
