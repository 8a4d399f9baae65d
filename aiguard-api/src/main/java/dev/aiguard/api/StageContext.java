package dev.aiguard.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link StageFactory} knows when it builds a stage.
 *
 * @param name          the stage's name in the policy (defaults to its type)
 * @param mode          the stage's effective mode
 * @param ruleModes     per-rule mode overrides for this stage (rule id to mode)
 * @param baseDirectory directory that relative paths in the stage's config resolve against (the policy file's)
 * @param policyVersion version of the policy the stage is built for (a digest, or {@code "code"} when built by code)
 */
public record StageContext(String name, Mode mode, Map<String, Mode> ruleModes, Path baseDirectory,
                           String policyVersion) {

    public StageContext {
        ruleModes = Map.copyOf(ruleModes);
        policyVersion = policyVersion == null ? "code" : policyVersion;
    }

    /** A context for a stage built by code rather than from a policy (version {@code "code"}). */
    public StageContext(String name, Mode mode, Map<String, Mode> ruleModes, Path baseDirectory) {
        this(name, mode, ruleModes, baseDirectory, "code");
    }

    /** The effective mode of one rule: its override, else the stage's mode. */
    public Mode ruleMode(String ruleId) {
        return ruleModes.getOrDefault(ruleId, mode);
    }

    /** Resolves a path from the config against {@link #baseDirectory()}. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p).normalize();
    }
}
