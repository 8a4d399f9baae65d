package dev.aiguard.api;

/** One decoded name/value pair from a query string, form body or cookie header. */
public record Param(String name, String value) {
}
