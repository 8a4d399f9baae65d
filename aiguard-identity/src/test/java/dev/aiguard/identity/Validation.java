package dev.aiguard.identity;

import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the factory's validation and collects problems by path. */
final class Validation {

    private Validation() {
    }

    static Map<String, String> problems(IdentityConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        new IdentityStageFactory().validate(config, (path, message) -> problems.merge(path, message, (a, b) -> a + "; " + b));
        return problems;
    }
}
