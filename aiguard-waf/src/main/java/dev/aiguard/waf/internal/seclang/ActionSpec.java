package dev.aiguard.waf.internal.seclang;

/**
 * One action of a rule's action list, e.g. {@code id:942100}, {@code t:lowercase},
 * {@code setvar:'tx.score=+%{tx.critical_anomaly_score}'} or {@code chain}.
 *
 * @param name  action name, lower-cased for matching (e.g. {@code setvar}, {@code t}, {@code ctl})
 * @param value the value after the first {@code :}, with surrounding single quotes removed; {@code null} if none
 */
public record ActionSpec(String name, String value) {
}
