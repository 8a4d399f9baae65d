package dev.aiguard.output.internal.behaviour;

import java.util.Locale;

/**
 * The behaviour signals of one request against its identity's recent history, each 0..1, and their combined score.
 *
 * @param requests       requests of this identity in the window (this one included)
 * @param nearDuplicates earlier prompts in the window that are near-duplicates of this one
 * @param enumeration    earlier prompts in the window that differ from this one in exactly one word
 * @param extraction     requests in the window that tried prompt injection or extraction (or leaked)
 * @param blockedRatio   share of the window's requests that were refused
 * @param costZ          how many standard deviations this prompt's size is above the identity's baseline
 * @param score          combined score, 0..1 (noisy-OR of the weighted signals)
 */
public record Signals(int requests, int nearDuplicates, int enumeration, int extraction, double blockedRatio,
                      double costZ, double score) {

    /** The evidence as one line, for findings and events (numbers only, never prompt text). */
    public String evidence() {
        return String.format(Locale.ROOT,
                "score=%.2f requests=%d near_duplicates=%d enumeration=%d extraction=%d blocked_ratio=%.2f cost_z=%.1f",
                score, requests, nearDuplicates, enumeration, extraction, blockedRatio, costZ);
    }
}
