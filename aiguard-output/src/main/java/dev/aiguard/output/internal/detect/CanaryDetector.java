package dev.aiguard.output.internal.detect;

import java.util.List;

/**
 * Canary tokens: strings planted in system prompts that no legitimate answer contains. Seeing one in the output means
 * the model is repeating its instructions. Matched case-sensitively, anywhere.
 */
public final class CanaryDetector implements Detector {

    private final List<String> canaries;

    public CanaryDetector(List<String> canaries) {
        this.canaries = List.copyOf(canaries);
    }

    @Override
    public String id() {
        return "leak.canary";
    }

    @Override
    public String kind() {
        return "leak";
    }

    @Override
    public void find(CharSequence text, int from, int to, List<Match> out) {
        String s = text.toString();
        for (String canary : canaries) {
            int at = s.indexOf(canary, from);
            while (at >= 0 && at < to) {
                out.add(new Match(at, at + canary.length(), this, false));
                at = s.indexOf(canary, at + canary.length());
            }
        }
    }
}
