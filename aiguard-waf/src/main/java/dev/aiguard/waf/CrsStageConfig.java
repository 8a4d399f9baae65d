package dev.aiguard.waf;

import java.util.List;

/**
 * Configuration of the {@code type: crs} stage: runs the OWASP Core Rule Set (v4, or v3.3) from a directory.
 *
 * @param directory              CRS directory holding {@code rules/} and {@code crs-setup.conf(.example)}; required
 * @param paranoiaLevel          blocking paranoia level 1-4; default 1
 * @param detectionParanoiaLevel paranoia level rules run at (>= paranoiaLevel; higher levels only log); default = paranoiaLevel
 * @param inboundThreshold       inbound anomaly score that blocks; default 5
 * @param outboundThreshold      outbound anomaly score that blocks; default 4
 * @param engine                 regex engine: {@code auto} (Hyperscan where it loads, else RE2/J), {@code hyperscan} or {@code re2j}
 * @param removeRules            rule ids or ranges ({@code 942100}, {@code 942100-942199}) removed at load
 * @param removeTags             rules carrying one of these tags are removed at load
 * @param removeTargets          targets taken out of single rules ({@code {rule: 942100, target: ARGS:prompt}})
 * @param extraRules             further SecLang files loaded after the CRS (your own or AI-specific rules)
 */
public record CrsStageConfig(String directory, Integer paranoiaLevel, Integer detectionParanoiaLevel,
                             Integer inboundThreshold, Integer outboundThreshold, String engine,
                             List<String> removeRules, List<String> removeTags, List<TargetExclusion> removeTargets,
                             List<String> extraRules) {

    public CrsStageConfig {
        paranoiaLevel = paranoiaLevel == null ? 1 : paranoiaLevel;
        detectionParanoiaLevel = detectionParanoiaLevel == null ? paranoiaLevel : detectionParanoiaLevel;
        inboundThreshold = inboundThreshold == null ? 5 : inboundThreshold;
        outboundThreshold = outboundThreshold == null ? 4 : outboundThreshold;
        engine = engine == null ? "auto" : engine;
        removeRules = removeRules == null ? List.of() : List.copyOf(removeRules);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
        removeTargets = removeTargets == null ? List.of() : List.copyOf(removeTargets);
        extraRules = extraRules == null ? List.of() : List.copyOf(extraRules);
    }

    /**
     * One target removed from one rule.
     *
     * @param rule   rule id
     * @param target SecLang target, e.g. {@code ARGS:prompt} or {@code REQUEST_HEADERS:User-Agent}
     */
    public record TargetExclusion(String rule, String target) {
    }
}
