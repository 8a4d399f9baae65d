package dev.aiguard.waf.crstest;

import java.util.List;

/**
 * The result of one regression test.
 *
 * @param name     test name ({@code 942100-3})
 * @param ruleFile rule file directory
 * @param outcome  passed, failed or not applicable
 * @param detail   for failures what was expected and what fired; for n/a the reason; "" for passes
 * @param firedIds rule ids logged in the last judged stage
 */
public record TestResult(String name, String ruleFile, Outcome outcome, String detail, List<Integer> firedIds) {
    public TestResult {
        firedIds = List.copyOf(firedIds);
    }
}
