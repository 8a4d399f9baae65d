package dev.aiguard.waf.internal.engine;

import java.util.Locale;

/** {@code SecRuleEngine}: whether rules run, and whether their disruptive actions take effect. */
public enum RuleEngineMode {
    /** Rules run and disruptive actions interrupt the transaction. */
    ON,
    /** Rules do not run at all. */
    OFF,
    /** Rules run and log, but nothing interrupts the transaction. */
    DETECTION_ONLY;

    /**
     * Parses the SecLang spelling ({@code On}, {@code Off}, {@code DetectionOnly}), case-insensitively.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static RuleEngineMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> ON;
            case "off" -> OFF;
            case "detectiononly" -> DETECTION_ONLY;
            default -> throw new IllegalArgumentException(
                    "expected On, Off or DetectionOnly but got '" + text + "'");
        };
    }
}
