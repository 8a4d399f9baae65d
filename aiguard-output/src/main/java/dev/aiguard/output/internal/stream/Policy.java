package dev.aiguard.output.internal.stream;

import dev.aiguard.output.internal.detect.Detector;

import java.util.List;
import java.util.Map;

/**
 * How one response is inspected.
 *
 * @param stage    the stage's name (for findings)
 * @param detectors what to look for (built-in plus this exchange's leak detectors)
 * @param actions  action per detector name or kind ({@code secret}, {@code pii}, {@code leak}); see {@link #action}
 * @param audit    forward everything as it comes and inspect behind it (no hold-back, no redaction; block cuts)
 * @param monitor  report only: nothing is rewritten or cut
 * @param holdBack characters of generated text held back in strict mode (must cover the longest token matched)
 */
public record Policy(String stage, List<Detector> detectors, Map<String, Action> actions, boolean audit,
                     boolean monitor, int holdBack) {

    public Policy {
        detectors = List.copyOf(detectors);
        actions = Map.copyOf(actions);
    }

    /** The action for a detector: by its name, else by its kind, else redact (secrets, pii) or block (leaks). */
    public Action action(Detector d) {
        Action a = actions.get(d.name());
        if (a == null) {
            a = actions.get(d.kind());
        }
        if (a == null) {
            a = d.kind().equals("leak") ? Action.BLOCK : Action.REDACT;
        }
        return a;
    }
}
