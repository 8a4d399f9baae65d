package dev.aiguard.output.internal.detect;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a shape (a regular expression; group 1, when present, is the span) and a validator that rejects
 * look-alikes. The shape is tried only where {@link Starts} says it can begin, so the cost is a quick pass over the
 * text plus one anchored attempt per candidate.
 */
final class RegexDetector implements Detector {

    private final String id;
    private final String kind;
    private final Pattern pattern;
    private final Predicate<String> valid;
    private final Continuation continuation;
    private final Starts starts;
    private final int group;

    /**
     * @param regex   the shape, anchored where it is tried (group 1, when present, is the span); leading lookbehinds
     *                see the text before the candidate
     * @param starts  where the shape can begin; the pattern is tried only there
     */
    RegexDetector(String id, String kind, String regex, Predicate<String> valid, Continuation continuation,
                  Starts starts) {
        this.id = id;
        this.kind = kind;
        this.pattern = Pattern.compile(regex);
        this.valid = valid;
        this.continuation = continuation;
        this.starts = starts;
        this.group = pattern.matcher("").groupCount() >= 1 ? 1 : 0;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Continuation continuation() {
        return continuation;
    }

    @Override
    public void find(CharSequence text, int from, int to, List<Match> out) {
        Matcher m = null;
        int pos = starts.next(text, from, to);
        while (pos >= 0 && pos < to) {
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(pos, text.length());
            int resume = pos + 1;
            if (m.lookingAt() && m.start(group) >= 0) {
                int s = m.start(group);
                int e = m.end(group);
                if (valid.test(text.subSequence(s, e).toString())) {
                    out.add(new Match(s, e, this, e == text.length() && continuation != Continuation.NONE));
                    resume = Math.max(resume, e);
                }
            }
            pos = resume < to ? starts.next(text, resume, to) : -1;
        }
    }
}
