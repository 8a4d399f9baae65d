package dev.aiguard.waf;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A rule that matched during a transaction. A value class with record-style accessors; {@link #message()},
 * {@link #data()} and {@link #logLine()} are computed on first call (the text is fixed when the rule matched), because
 * a {@code %{TX.0}} in {@code logdata} can make them far more expensive than the match itself.
 */
public final class MatchedRule {

    private final int id;
    private final int phase;
    private final Supplier<String> message;
    private final Supplier<String> data;
    private final List<String> tags;
    private final int severity;
    private final String matchedVariable;
    private final String matchedValue;
    private final boolean logged;
    private final Supplier<String> logLine;

    /**
     * @param id              rule id
     * @param phase           phase 1-5
     * @param message         the expanded {@code msg} ("" when none)
     * @param data            the expanded {@code logdata} ("" when none)
     * @param tags            the rule's tags
     * @param severity        0 (emergency) to 7 (debug); -1 when the rule has none
     * @param matchedVariable the variable that matched, as ModSecurity names it ({@code ARGS:q})
     * @param matchedValue    the matched value after transformations
     * @param logged          {@code false} for {@code nolog} rules (bookkeeping rules such as CRS initialisation)
     * @param logLine         the ModSecurity-format log line, or "" when not logged
     */
    public MatchedRule(int id, int phase, String message, String data, List<String> tags, int severity,
                       String matchedVariable, String matchedValue, boolean logged, String logLine) {
        this(id, phase, constant(message), constant(data), tags, severity, matchedVariable, matchedValue, logged,
                constant(logLine));
    }

    /** The same with the texts computed when first read; the suppliers must be thread-safe and repeatable. */
    MatchedRule(int id, int phase, Supplier<String> message, Supplier<String> data, List<String> tags, int severity,
                String matchedVariable, String matchedValue, boolean logged, Supplier<String> logLine) {
        this.id = id;
        this.phase = phase;
        this.message = message;
        this.data = data;
        this.tags = List.copyOf(tags);
        this.severity = severity;
        this.matchedVariable = matchedVariable;
        this.matchedValue = matchedValue;
        this.logged = logged;
        this.logLine = logLine;
    }

    private static Supplier<String> constant(String text) {
        Objects.requireNonNull(text);
        return () -> text;
    }

    /** Rule id. */
    public int id() {
        return id;
    }

    /** Phase 1-5. */
    public int phase() {
        return phase;
    }

    /** The expanded {@code msg} ("" when none). */
    public String message() {
        return message.get();
    }

    /** The expanded {@code logdata} ("" when none). */
    public String data() {
        return data.get();
    }

    /** The rule's tags. */
    public List<String> tags() {
        return tags;
    }

    /** 0 (emergency) to 7 (debug); -1 when the rule has none. */
    public int severity() {
        return severity;
    }

    /** The variable that matched, as ModSecurity names it ({@code ARGS:q}). */
    public String matchedVariable() {
        return matchedVariable;
    }

    /** The matched value after transformations. */
    public String matchedValue() {
        return matchedValue;
    }

    /** {@code false} for {@code nolog} rules. */
    public boolean logged() {
        return logged;
    }

    /** The ModSecurity-format log line, or "" when not logged. */
    public String logLine() {
        return logLine.get();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchedRule m && id == m.id && phase == m.phase && severity == m.severity
                && logged == m.logged && message().equals(m.message()) && data().equals(m.data())
                && tags.equals(m.tags) && Objects.equals(matchedVariable, m.matchedVariable)
                && Objects.equals(matchedValue, m.matchedValue) && logLine().equals(m.logLine());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, phase, message(), data(), tags, severity, matchedVariable, matchedValue, logged,
                logLine());
    }

    @Override
    public String toString() {
        return "MatchedRule[id=" + id + ", phase=" + phase + ", message=" + message() + ", data=" + data()
                + ", tags=" + tags + ", severity=" + severity + ", matchedVariable=" + matchedVariable
                + ", matchedValue=" + matchedValue + ", logged=" + logged + ", logLine=" + logLine() + "]";
    }
}
