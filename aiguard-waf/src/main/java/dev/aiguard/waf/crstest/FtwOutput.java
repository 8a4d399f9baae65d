package dev.aiguard.waf.crstest;

import java.util.List;

/**
 * A go-ftw stage's expectations.
 *
 * @param expectIds    rule ids that must appear in the log
 * @param noExpectIds  rule ids that must not appear
 * @param matchRegex   a regex the log must match, or {@code null}
 * @param noMatchRegex a regex the log must not match, or {@code null}
 * @param status       the expected HTTP status, or {@code null}
 * @param expectError  {@code true} when the request is expected to fail at the HTTP level
 */
public record FtwOutput(List<Integer> expectIds, List<Integer> noExpectIds, String matchRegex, String noMatchRegex,
                        Integer status, boolean expectError) {
    public FtwOutput {
        expectIds = List.copyOf(expectIds);
        noExpectIds = List.copyOf(noExpectIds);
    }

    /** {@code true} when the stage checks the WAF log (ids or regexes). */
    public boolean checksLog() {
        return !expectIds.isEmpty() || !noExpectIds.isEmpty() || matchRegex != null || noMatchRegex != null;
    }
}
