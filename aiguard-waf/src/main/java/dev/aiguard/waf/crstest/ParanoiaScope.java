package dev.aiguard.waf.crstest;

import dev.aiguard.waf.SecLangEngine;

import java.util.List;

/**
 * Which regression tests apply when the CRS runs below the CI's paranoia level 4. A test is named after the rule it
 * exercises ({@code 942100-3}); that rule's {@code paranoia-level/N} tag says from which level it runs. Tests of
 * rules above the chosen level can only fail (the rule is skipped by design), so they count as not applicable.
 *
 * @param level  the blocking paranoia level of the run, 1 to 4
 * @param engine the engine the tests run on, whose rules carry the tags
 */
public record ParanoiaScope(int level, SecLangEngine engine) {

    private static final String TAG_PREFIX = "paranoia-level/";

    /** Whether the rule {@code test} exercises runs at this scope's level (tests of unknown rules always apply). */
    public boolean covers(FtwTest test) {
        return ruleLevel(test) <= level;
    }

    /** The not-applicable result for a test this scope does not cover. */
    public TestResult notApplicable(FtwTest test) {
        return new TestResult(test.name(), test.ruleFile(), Outcome.NOT_APPLICABLE,
                "rule runs from paranoia level " + ruleLevel(test) + ", this run is at level " + level, List.of());
    }

    private int ruleLevel(FtwTest test) {
        int dash = test.name().indexOf('-');
        String id = dash < 0 ? test.name() : test.name().substring(0, dash);
        int ruleId;
        try {
            ruleId = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return 1;
        }
        return engine.ruleTags(ruleId).orElse(List.of()).stream()
                .filter(tag -> tag.startsWith(TAG_PREFIX))
                .mapToInt(tag -> parseLevel(tag.substring(TAG_PREFIX.length())))
                .min().orElse(1);
    }

    private static int parseLevel(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
