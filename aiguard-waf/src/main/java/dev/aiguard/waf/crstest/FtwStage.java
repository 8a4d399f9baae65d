package dev.aiguard.waf.crstest;

/** One stage of a go-ftw test: a request and what to expect. */
public record FtwStage(FtwInput input, FtwOutput output) {
}
