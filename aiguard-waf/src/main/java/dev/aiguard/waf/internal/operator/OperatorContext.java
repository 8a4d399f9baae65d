package dev.aiguard.waf.internal.operator;

import java.util.List;

/** What an operator may ask of the running transaction. */
public interface OperatorContext {

    /** Expands {@code %{collection.key}} macros in an operator argument (for {@code @ge %{tx.x}} etc.). */
    String expandMacros(String text);

    /** {@code true} when the rule has the {@code capture} action. */
    boolean captureEnabled();

    /**
     * Reports the match's captures: index 0 is the whole match (or the matched phrase for
     * {@code @pm}), then groups 1..9. Called only on a match and only when {@link #captureEnabled()}.
     */
    void captured(Captures captures);

    /** {@link #captured(Captures)} with groups known already. */
    default void captured(List<String> groups) {
        captured(Captures.of(groups));
    }
}
