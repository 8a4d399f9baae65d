package dev.aiguard.cli.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How far a replay's fired rule ids agree with a reference engine's ({@link ReferenceComparison}).
 *
 * @param compared          requests that have an answer in the reference
 * @param agree             of those, requests where both sides fired the same set of rule ids
 * @param explained         of the others, requests whose difference the justified rules explain
 *                          ({@code --justified}: known, documented differences between the engines)
 * @param sameOrder         of the agreeing ones, requests where the distinct ids also came in the same order
 * @param sameStatus        requests answered with the same HTTP status
 * @param withoutReference  replayed requests the reference has no answer for (not compared)
 * @param notReplayed       reference answers for which no request was replayed
 * @param errors            lines of the request file that could not be replayed (not compared)
 * @param rules             one row per rule id that fired on either side
 */
public record AgreementReport(long compared, long agree, long explained, long sameOrder, long sameStatus, long withoutReference,
                              long notReplayed, long errors, List<Rule> rules) {

    public AgreementReport {
        rules = List.copyOf(rules);
    }

    /**
     * One rule id.
     *
     * @param rule              the rule id
     * @param reference         requests on which the reference fired it
     * @param ours              requests on which the replayed guard fired it
     * @param onlyOurs          requests on which only the replayed guard fired it
     * @param onlyReference     requests on which only the reference fired it
     * @param examplesOurs      the first request ids of {@code onlyOurs}
     * @param examplesReference the first request ids of {@code onlyReference}
     */
    public record Rule(String rule, long reference, long ours, long onlyOurs, long onlyReference,
                       List<String> examplesOurs, List<String> examplesReference) {

        public Rule {
            examplesOurs = List.copyOf(examplesOurs);
            examplesReference = List.copyOf(examplesReference);
        }

        /** Requests on which the two sides disagree about this rule. */
        public long disagreements() {
            return onlyOurs + onlyReference;
        }
    }

    /** Share of compared requests with the same set of fired rule ids (1 when nothing was compared). */
    public double agreement() {
        return compared == 0 ? 1.0 : (double) agree / compared;
    }

    /** Share of compared requests that agree or whose difference is a justified one. */
    public double agreementWithJustified() {
        return compared == 0 ? 1.0 : (double) (agree + explained) / compared;
    }

    /** The rules on which the two sides disagree at least once, most disagreements first. */
    public List<Rule> disagreeingRules() {
        return rules.stream().filter(r -> r.disagreements() > 0)
                .sorted(Comparator.comparingLong(Rule::disagreements).reversed().thenComparing(Rule::rule))
                .toList();
    }

    /** The summary line, then the table of disagreeing rules. */
    public String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "compare: requests=%d agree=%d agreement=%.2f%% justified=%d with_justified=%.2f%% same_order=%d"
                        + " same_status=%d (%.2f%%) without_reference=%d not_replayed=%d errors=%d%n",
                compared, agree, 100.0 * agreement(), explained, 100.0 * agreementWithJustified(), sameOrder, sameStatus,
                compared == 0 ? 100.0 : 100.0 * sameStatus / compared, withoutReference, notReplayed, errors));
        List<Rule> disagreeing = disagreeingRules();
        if (disagreeing.isEmpty()) {
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %11s %14s  %s%n", "rule", "reference", "ours",
                "only_ours", "only_reference", "examples (only ours | only reference)"));
        for (Rule r : disagreeing) {
            sb.append(String.format(Locale.ROOT, "%-10s %9d %9d %11d %14d  %s | %s%n", r.rule(), r.reference(),
                    r.ours(), r.onlyOurs(), r.onlyReference(), String.join(" ", r.examplesOurs()),
                    String.join(" ", r.examplesReference())));
        }
        return sb.toString();
    }
}
