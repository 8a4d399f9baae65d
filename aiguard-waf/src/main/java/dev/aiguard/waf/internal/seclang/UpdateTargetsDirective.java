package dev.aiguard.waf.internal.seclang;

import java.util.List;

/**
 * {@code SecRuleUpdateTargetById 932240 "!REQUEST_COOKIES:/^_ga/"} (and ByTag / ByMsg): adds targets
 * (or exclusions) to the selected rules. With the optional third argument the targets replace
 * {@code replaced} instead of being appended.
 *
 * @param value    the id (or id range), tag or msg that selects rules
 * @param targets  targets to add (exclusions have {@link Target#exclude()} set)
 * @param replaced the target the new ones replace; {@code null} when appending
 */
public record UpdateTargetsDirective(RuleSelector selector, String value, List<Target> targets, Target replaced,
                                     SourceLocation location) implements Directive {
    public UpdateTargetsDirective {
        targets = List.copyOf(targets);
    }
}
