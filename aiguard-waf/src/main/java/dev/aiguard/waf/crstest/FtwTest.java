package dev.aiguard.waf.crstest;

import java.util.List;

/**
 * One go-ftw test.
 *
 * @param name     {@code <rule id from the file name>-<test_id>}, e.g. {@code 942100-3}
 * @param ruleFile the rule file directory it belongs to, e.g. {@code REQUEST-942-APPLICATION-ATTACK-SQLI}
 * @param desc     the description
 * @param stages   its stages, run in order
 */
public record FtwTest(String name, String ruleFile, String desc, List<FtwStage> stages) {
    public FtwTest {
        stages = List.copyOf(stages);
    }
}
