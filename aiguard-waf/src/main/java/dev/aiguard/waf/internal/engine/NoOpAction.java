package dev.aiguard.waf.internal.engine;

/**
 * An action that is accepted but has no effect here, with the reason (e.g. {@code initcol}: persistent
 * collections are not supported; CRS only uses it when {@code tx.enable_default_collections=1}).
 */
public record NoOpAction(String name, String reason) implements MatchAction {
    @Override
    public void apply(Transaction tx) {
        // Intentionally nothing: see reason().
    }
}
