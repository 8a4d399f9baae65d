package dev.aiguard.output.internal.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM private keys: from the {@code -----BEGIN ... PRIVATE KEY-----} line to the matching END line. A key whose END
 * line has not been seen yet is an open match: everything after it is redacted until the END line arrives.
 */
final class PemDetector implements Detector {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");

    @Override
    public String id() {
        return "secret.private_key";
    }

    @Override
    public String kind() {
        return "secret";
    }

    @Override
    public Continuation continuation() {
        return Continuation.PEM;
    }

    @Override
    public void find(CharSequence text, int start, int to, List<Match> out) {
        if (text.toString().indexOf("-----BEGIN", start) < 0) {
            return;
        }
        Matcher begin = BEGIN.matcher(text);
        int from = start;
        while (from < to && begin.find(from) && begin.start() < to) {
            Matcher end = END.matcher(text);
            if (end.find(begin.end())) {
                out.add(new Match(begin.start(), end.end(), this, false));
                from = end.end();
            } else {
                out.add(new Match(begin.start(), text.length(), this, true));
                return;
            }
        }
    }

    /** Where the END line finishes in {@code text}, or -1 when it is not there yet. */
    static int endOfKey(CharSequence text, int from) {
        Matcher end = END.matcher(text);
        return end.find(from) ? end.end() : -1;
    }
}
