package dev.aiguard.output.internal.stream;

import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs detectors over a text and keeps non-overlapping matches (earliest first, then longest). */
public final class Scan {

    private Scan() {
    }

    public static List<Match> run(List<Detector> detectors, CharSequence text) {
        return run(detectors, text, 0, text.length());
    }

    /** Matches starting in [from, to); the whole text is visible to the detectors. */
    public static List<Match> run(List<Detector> detectors, CharSequence text, int from, int to) {
        List<Match> all = new ArrayList<>();
        for (Detector d : detectors) {
            d.find(text, from, to, all);
        }
        if (all.size() < 2) {
            return all;
        }
        all.sort(Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt(Match::end).reversed()));
        List<Match> kept = new ArrayList<>(all.size());
        int end = -1;
        for (Match m : all) {
            if (m.start() >= end) {
                kept.add(m);
                end = m.end();
            }
        }
        return kept;
    }
}
