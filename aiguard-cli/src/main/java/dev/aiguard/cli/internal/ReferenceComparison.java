package dev.aiguard.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the rule ids a replay fired with a reference engine's answers ({@link ReferenceAnswers}) for the same
 * requests.
 *
 * <p>A request agrees when both sides fired the same <em>set</em> of rule ids. Sets, not sequences: both engines run
 * the rules in the rule files' order, so an order difference can only come from a rule firing on one side and not on
 * the other, which the set already shows; and how often one rule logs (once per rule in libmodsecurity, once per
 * matched value in ModSecurity v2) is not a verdict difference. Whether the distinct ids also came in the same order
 * is counted too, as {@link AgreementReport#sameOrder()}. Results are fed in one at a time, on one thread.
 */
public final class ReferenceComparison {

    /** How many example request ids the per-rule table keeps per direction. */
    private static final int EXAMPLES = 3;

    private final Map<String, ReferenceAnswers.Answer> reference;
    private final String stage;
    private final Writer details;
    private final Set<String> seen = new java.util.HashSet<>();
    private final Map<String, RuleRow> rows = new TreeMap<>();
    private final Set<String> justified;
    private long compared;
    private long agree;
    private long explained;
    private long sameOrder;
    private long sameStatus;
    private long withoutReference;
    private long errors;

    /**
     * @param reference the reference engine's answers
     * @param stage     compare only findings of the stage with this name; {@code null} compares every finding
     * @param details   where to write one line per disagreeing request ({@code id, only ours, only reference}); may
     *                  be null
     * @param justified rule ids whose differences are known and documented; see {@link #explains}
     */
    public ReferenceComparison(ReferenceAnswers reference, String stage, Writer details, Set<String> justified) {
        this.reference = reference.answers();
        this.stage = stage;
        this.details = details;
        this.justified = Set.copyOf(justified);
    }

    /** Compares one result line of {@link Replayer} with the reference. */
    public void accept(JsonNode result) {
        if (result.has("error")) {
            errors++;
            return;
        }
        String id = result.path("id").asText();
        ReferenceAnswers.Answer answer = reference.get(id);
        if (answer == null) {
            withoutReference++;
            return;
        }
        seen.add(id);
        compared++;
        List<String> ours = fired(result);
        if (result.path("status").asInt() == answer.status()) {
            sameStatus++;
        }
        Set<String> ourSet = new LinkedHashSet<>(ours);
        Set<String> theirSet = new LinkedHashSet<>(answer.matched());
        ourSet.forEach(rule -> row(rule).firedByUs++);
        theirSet.forEach(rule -> row(rule).firedByReference++);
        if (ourSet.equals(theirSet)) {
            agree++;
            if (List.copyOf(ourSet).equals(List.copyOf(theirSet))) {
                sameOrder++;
            }
            return;
        }
        Set<String> onlyOurs = new LinkedHashSet<>(ourSet);
        onlyOurs.removeAll(theirSet);
        Set<String> onlyTheirs = new LinkedHashSet<>(theirSet);
        onlyTheirs.removeAll(ourSet);
        onlyOurs.forEach(rule -> row(rule).onlyUs(id));
        onlyTheirs.forEach(rule -> row(rule).onlyReference(id));
        boolean known = explains(onlyOurs, onlyTheirs);
        if (known) {
            explained++;
        }
        if (details != null) {
            try {
                details.write(id + "\tonly ours " + onlyOurs + "\tonly reference " + onlyTheirs
                        + (known ? "\tjustified" : "") + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Whether a difference is explained by the justified rules alone: every rule only one side fired is justified,
     * or is an anomaly-evaluation rule (949xxx, 959xxx, 980xxx: they only sum the scores of detection rules) on a side
     * that also has a justified rule of its own.
     */
    private boolean explains(Set<String> onlyOurs, Set<String> onlyTheirs) {
        return explainedSide(onlyOurs) && explainedSide(onlyTheirs);
    }

    private boolean explainedSide(Set<String> only) {
        boolean hasJustified = only.stream().anyMatch(justified::contains);
        return only.stream().allMatch(rule -> justified.contains(rule) || hasJustified && isEvaluation(rule));
    }

    private static boolean isEvaluation(String rule) {
        return rule.length() == 6 && (rule.startsWith("949") || rule.startsWith("959") || rule.startsWith("980"));
    }

    /** The totals and the per-rule table so far. */
    public AgreementReport report() {
        List<AgreementReport.Rule> table = new ArrayList<>();
        rows.forEach((rule, row) -> table.add(new AgreementReport.Rule(rule, row.firedByReference, row.firedByUs,
                row.onlyUs, row.onlyReference, List.copyOf(row.examplesUs), List.copyOf(row.examplesReference))));
        return new AgreementReport(compared, agree, explained, sameOrder, sameStatus, withoutReference,
                reference.size() - seen.size(), errors, table);
    }

    /** The rule ids our side fired, distinct, in firing order. */
    private List<String> fired(JsonNode result) {
        Set<String> ids = new LinkedHashSet<>();
        if (stage == null) {
            result.path("matched").forEach(m -> ids.add(m.asText()));
        } else {
            for (JsonNode f : result.path("findings")) {
                if (stage.equals(f.path("stage").asText())) {
                    ids.add(f.path("rule").asText());
                }
            }
        }
        return List.copyOf(ids);
    }

    private RuleRow row(String rule) {
        return rows.computeIfAbsent(rule, r -> new RuleRow(EXAMPLES));
    }

    /** Counts of one rule id while the comparison runs. */
    private static final class RuleRow {
        private final int examples;
        private final List<String> examplesUs = new ArrayList<>();
        private final List<String> examplesReference = new ArrayList<>();
        private long firedByUs;
        private long firedByReference;
        private long onlyUs;
        private long onlyReference;

        RuleRow(int examples) {
            this.examples = examples;
        }

        void onlyUs(String id) {
            onlyUs++;
            if (examplesUs.size() < examples) {
                examplesUs.add(id);
            }
        }

        void onlyReference(String id) {
            onlyReference++;
            if (examplesReference.size() < examples) {
                examplesReference.add(id);
            }
        }
    }
}
