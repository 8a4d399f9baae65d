package dev.aiguard.output;

import java.util.List;

/**
 * Configuration of the {@code type: pii} stage (request side). Every key is optional.
 *
 * <pre>
 * - type: pii
 *   detectors: [email, phone, payment_card, iban, us_ssn]   # default: every personal-data detector
 *   secrets: true          # also redact API keys, tokens and private keys found in prompts
 *   action: redact         # redact (rewrite before forwarding), block (400) or flag
 *   vault: true            # placeholders [PII_EMAIL_1] instead of [REDACTED:email], restored in the response
 * </pre>
 *
 * @param detectors detector names to run (personal-data and, with {@code secrets}, secret detectors)
 * @param secrets   whether secret detectors run too
 * @param action    what a match does
 * @param vault     whether redacted values are kept per exchange and put back in the response
 */
public record PiiStageConfig(List<String> detectors, Boolean secrets, String action, Boolean vault) {

    public PiiStageConfig {
        detectors = detectors == null ? List.of() : List.copyOf(detectors);
        secrets = secrets == null || secrets;
        action = action == null ? "redact" : action;
        vault = vault != null && vault;
    }

    /** All defaults. */
    public static PiiStageConfig defaults() {
        return new PiiStageConfig(null, null, null, null);
    }
}
