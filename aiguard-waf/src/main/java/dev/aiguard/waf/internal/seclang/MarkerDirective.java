package dev.aiguard.waf.internal.seclang;

/** {@code SecMarker NAME}: a target for {@code skipAfter}. */
public record MarkerDirective(String name, SourceLocation location) implements Directive {
}
