package dev.aiguard.api;

/** How serious a finding is, ordered from least to most severe. Values follow the OCSF {@code severity_id}. */
public enum Severity {
    INFO(1),
    LOW(2),
    MEDIUM(3),
    HIGH(4),
    CRITICAL(5);

    private final int ocsfId;

    Severity(int ocsfId) {
        this.ocsfId = ocsfId;
    }

    /** The OCSF {@code severity_id} of this severity. */
    public int ocsfId() {
        return ocsfId;
    }
}
