package dev.aiguard.api;

import java.util.List;
import java.util.Objects;

/**
 * One thing a stage detected.
 *
 * @param stage    name of the stage that found it
 * @param ruleId   id of the rule (e.g. {@code 942100}, {@code prompt.injection}); never empty
 * @param severity how serious it is
 * @param message  human-readable description; must not contain secrets
 * @param target   where it matched, e.g. {@code ARGS:q} or {@code messages[1].content}; may be empty
 * @param excerpt  a short, redacted excerpt of the matched data; may be empty. When the excerpt is prompt text (an LLM
 *                 message), tag the finding {@link #TAG_PROMPT}: events then drop it unless the policy sets
 *                 {@code events.logPrompts}
 * @param score    the score it contributes (anomaly points, detector confidence x 100, ...)
 * @param tags     classification tags (e.g. {@code attack-sqli}, {@code OWASP_CRS})
 */
public record Finding(String stage, String ruleId, Severity severity, String message, String target, String excerpt,
                      int score, List<String> tags) {

    /** Tag marking a finding whose excerpt is prompt text; events omit such excerpts unless prompts may be logged. */
    public static final String TAG_PROMPT = "prompt";
    /** Tag marking a finding whose matched span was rewritten (redacted) in what the client received. */
    public static final String TAG_REDACTED = "redacted";

    public Finding {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(severity, "severity");
        if (ruleId == null || ruleId.isEmpty()) {
            throw new IllegalArgumentException("ruleId must not be empty");
        }
        message = message == null ? "" : message;
        target = target == null ? "" : target;
        excerpt = excerpt == null ? "" : excerpt;
        tags = List.copyOf(tags);
    }

    /** Whether this finding's excerpt is prompt text ({@link #TAG_PROMPT}). */
    public boolean promptText() {
        return tags.contains(TAG_PROMPT);
    }

    /** A finding without target, excerpt or tags. */
    public static Finding of(String stage, String ruleId, Severity severity, String message) {
        return new Finding(stage, ruleId, severity, message, "", "", 0, List.of());
    }
}
