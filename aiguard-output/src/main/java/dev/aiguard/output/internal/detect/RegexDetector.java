package dev.aiguard.output.internal.detect;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a shape (a regular expression; group 1, when present, is the span) and a validator that rejects
 * look-alikes. A cheap literal prefilter skips texts that cannot match.
 */
final class RegexDetector implements Detector {

    private final String id;
    private final String kind;
    private final Pattern pattern;
    private final Predicate<String> valid;
    private final Continuation continuation;
    private final Prefilter prefilter;

    /** Decides quickly whether a text can contain a match at all. */
    @FunctionalInterface
    interface Prefilter {
        boolean mayMatch(CharSequence text);
    }

    RegexDetector(String id, String kind, String regex, Predicate<String> valid, Continuation continuation,
                  Prefilter prefilter) {
        this.id = id;
        this.kind = kind;
        this.pattern = Pattern.compile(regex);
        this.valid = valid;
        this.continuation = continuation;
        this.prefilter = prefilter;
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
    public void find(CharSequence text, List<Match> out) {
        if (!prefilter.mayMatch(text)) {
            return;
        }
        Matcher m = pattern.matcher(text);
        int group = m.groupCount() >= 1 ? 1 : 0;
        while (m.find()) {
            int s = m.start(group);
            int e = m.end(group);
            if (s >= 0 && valid.test(text.subSequence(s, e).toString())) {
                out.add(new Match(s, e, this, e == text.length() && continuation != Continuation.NONE));
            }
        }
    }

    /** Prefilter: the text contains one of the literals. */
    static Prefilter containsAny(String... literals) {
        return text -> {
            String s = text.toString();
            for (String l : literals) {
                if (s.contains(l)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Prefilter: the text contains a run of at least {@code n} ASCII digits (separators allowed between them). */
    static Prefilter digits(int n) {
        return text -> {
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++count >= n) {
                        return true;
                    }
                } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') {
                    count = 0;
                }
            }
            return false;
        };
    }

    static Prefilter always() {
        return text -> true;
    }
}
