package dev.aiguard.waf.internal.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A rule (with its whole chain) that matched. The expanded {@code msg} and {@code logdata} and the log line are
 * computed when first read (then kept): their text is fixed when the rule matches, but a {@code %{TX.0}} in it
 * may refer to capture groups that are expensive to compute and that most callers never read.
 */
public final class RuleMatch {

    private final int id;
    private final int phase;
    private final Supplier<String> msg;
    private final Supplier<String> data;
    private final List<String> tags;
    private final int severity;
    private final String matchedVarName;
    private final String matchedValue;
    private final Disruptive disruptive;
    private final boolean logged;
    private final Supplier<String> logLine;

    /**
     * @param id             rule id
     * @param phase          phase it ran in
     * @param msg            expanded msg ("" when none)
     * @param data           expanded logdata ("" when none)
     * @param tags           tags
     * @param severity       0-7, -1 when none
     * @param matchedVarName the variable that matched last, e.g. {@code ARGS:foo}
     * @param matchedValue   its (transformed) value
     * @param disruptive     the rule's resolved disruptive action
     * @param logged         {@code false} for {@code nolog} rules
     * @param logLine        the ModSecurity-style log line ({@code ""} when not logged)
     */
    public RuleMatch(int id, int phase, Supplier<String> msg, Supplier<String> data, List<String> tags, int severity,
                     String matchedVarName, String matchedValue, Disruptive disruptive, boolean logged,
                     Supplier<String> logLine) {
        this.id = id;
        this.phase = phase;
        this.msg = Objects.requireNonNull(msg);
        this.data = Objects.requireNonNull(data);
        this.tags = List.copyOf(tags);
        this.severity = severity;
        this.matchedVarName = matchedVarName;
        this.matchedValue = matchedValue;
        this.disruptive = disruptive;
        this.logged = logged;
        this.logLine = Objects.requireNonNull(logLine);
    }

    public int id() {
        return id;
    }

    public int phase() {
        return phase;
    }

    /** Expanded msg ("" when none). */
    public String msg() {
        return msg.get();
    }

    /** Expanded logdata ("" when none). */
    public String data() {
        return data.get();
    }

    /** The expanded msg, computed when the supplier is read. */
    public Supplier<String> msgSupplier() {
        return msg;
    }

    /** The expanded logdata, computed when the supplier is read. */
    public Supplier<String> dataSupplier() {
        return data;
    }

    /** The log line, computed when the supplier is read. */
    public Supplier<String> logLineSupplier() {
        return logLine;
    }

    public List<String> tags() {
        return tags;
    }

    public int severity() {
        return severity;
    }

    public String matchedVarName() {
        return matchedVarName;
    }

    public String matchedValue() {
        return matchedValue;
    }

    public Disruptive disruptive() {
        return disruptive;
    }

    public boolean logged() {
        return logged;
    }

    /** The ModSecurity-style log line ({@code ""} when not logged). */
    public String logLine() {
        return logLine.get();
    }

    @Override
    public String toString() {
        return "RuleMatch[id=" + id + ", phase=" + phase + ", msg=" + msg() + ", data=" + data() + ", var="
                + matchedVarName + "]";
    }
}
