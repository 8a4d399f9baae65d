package dev.aiguard.waf.internal.body;

/** A named value produced by a parser (argument, file, part header). Both are byte strings. */
public record Param(String name, String value) {
}
