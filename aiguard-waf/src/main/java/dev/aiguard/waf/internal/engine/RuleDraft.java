package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.internal.seclang.ActionSpec;
import dev.aiguard.waf.internal.seclang.OperatorSpec;
import dev.aiguard.waf.internal.seclang.SourceLocation;
import dev.aiguard.waf.internal.seclang.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule between parsing and compiling: load-time directives ({@code SecRuleUpdateTargetById},
 * {@code SecRuleUpdateActionById}, {@code SecRuleRemoveBy*}) still edit it. Mutable, used only by the compiler.
 */
final class RuleDraft {

    final List<Target> targets;
    final OperatorSpec operator;
    final List<ActionSpec> actions;
    final SourceLocation location;
    final Map<Integer, List<ActionSpec>> defaults;
    final List<RuleDraft> links = new ArrayList<>();

    RuleDraft(List<Target> targets, OperatorSpec operator, List<ActionSpec> actions, SourceLocation location,
              Map<Integer, List<ActionSpec>> defaults) {
        this.targets = new ArrayList<>(targets);
        this.operator = operator;
        this.actions = new ArrayList<>(actions);
        this.location = location;
        this.defaults = defaults;
    }

    boolean hasChain() {
        return actions.stream().anyMatch(a -> a.name().equals("chain"));
    }

    /** The {@code chain} flag of the last link (or of the rule itself), i.e. whether another link is expected. */
    boolean expectsLink() {
        return links.isEmpty() ? hasChain() : links.get(links.size() - 1).hasChain();
    }

    int id() {
        return actions.stream().filter(a -> a.name().equals("id")).map(ActionSpec::value)
                .filter(Objects::nonNull).findFirst().map(RuleDraft::parseIdOrZero).orElse(0);
    }

    List<String> tags() {
        return values("tag");
    }

    String msg() {
        List<String> msgs = values("msg");
        return msgs.isEmpty() ? "" : msgs.get(msgs.size() - 1);
    }

    private List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (ActionSpec a : actions) {
            if (a.name().equals(name) && a.value() != null) {
                out.add(a.value());
            }
        }
        return out;
    }

    private static int parseIdOrZero(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
