package dev.aiguard.waf.internal.detect;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * A small HTML5-like tokenizer: finds start and end tags, attributes with their values, and comments,
 * the way a browser would split them, starting in any {@link HtmlContext}. It never backtracks, so the
 * work is linear in the input; names and values are cut to a bounded length.
 */
final class HtmlTokenizer {

    static final int MAX_VALUE = 1024;
    static final int MAX_NAME = 64;

    private enum State { DATA, IN_TAG }

    private final String in;
    private final Predicate<HtmlEvent> sink;
    private int pos;
    private boolean stopped;

    private HtmlTokenizer(String input, Predicate<HtmlEvent> sink) {
        this.in = input;
        this.sink = sink;
    }

    /**
     * Reports events to {@code sink} in input order until it returns true.
     *
     * @return whether the sink stopped the tokenizer
     */
    static boolean tokenize(String input, HtmlContext context, Predicate<HtmlEvent> sink) {
        HtmlTokenizer tokenizer = new HtmlTokenizer(input, sink);
        tokenizer.run(context);
        return tokenizer.stopped;
    }

    private void run(HtmlContext context) {
        State state = context == HtmlContext.DATA ? State.DATA : State.IN_TAG;
        if (context.isValue()) {
            String value = context == HtmlContext.VALUE_UNQUOTED ? unquotedValue() : quotedValue(context.quote());
            emit(HtmlEvent.Kind.ATTRIBUTE, "", value);
        }
        while (!stopped && pos < in.length()) {
            state = state == State.DATA ? data() : attribute();
        }
    }

    private State data() {
        int lt = in.indexOf('<', pos);
        if (lt < 0) {
            pos = in.length();
            return State.DATA;
        }
        pos = lt + 1;
        return markup();
    }

    private State markup() {
        char c = peek();
        if (isAsciiLetter(c)) {
            emit(HtmlEvent.Kind.START_TAG, name(), null);
            return State.IN_TAG;
        }
        if (c == '/' && isAsciiLetter(peek(1))) {
            pos++;
            emit(HtmlEvent.Kind.END_TAG, name(), null);
            skipPast('>');
        } else if (c == '!' && in.startsWith("--", pos + 1)) {
            comment(pos + 3, "-->");
        } else if (c == '!' || c == '?' || c == '/') {
            comment(pos + 1, ">");
        }
        return State.DATA;
    }

    private String name() {
        int start = pos;
        while (pos < in.length() && !isSpace(in.charAt(pos)) && in.charAt(pos) != '/' && in.charAt(pos) != '>') {
            pos++;
        }
        return clip(start, pos, MAX_NAME).toLowerCase(Locale.ROOT);
    }

    private void comment(int bodyStart, String terminator) {
        int close = in.indexOf(terminator, bodyStart);
        int bodyEnd = close < 0 ? in.length() : close;
        emit(HtmlEvent.Kind.COMMENT, clip(bodyStart, bodyEnd, MAX_VALUE), null);
        pos = close < 0 ? in.length() : close + terminator.length();
    }

    /** Reads one attribute, or the end of the tag. */
    private State attribute() {
        while (pos < in.length() && (isSpace(in.charAt(pos)) || in.charAt(pos) == '/')) {
            pos++;
        }
        if (pos >= in.length()) {
            return State.IN_TAG;
        }
        if (in.charAt(pos) == '>') {
            pos++;
            return State.DATA;
        }
        int start = pos++;
        while (pos < in.length() && !isSpace(in.charAt(pos)) && "/>=".indexOf(in.charAt(pos)) < 0) {
            pos++;
        }
        String name = clip(start, pos, MAX_NAME).toLowerCase(Locale.ROOT);
        skipSpace();
        String value = null;
        if (peek() == '=') {
            pos++;
            skipSpace();
            char quote = peek();
            if (quote == '"' || quote == '\'' || quote == '`') {
                pos++;
                value = quotedValue(quote);
            } else {
                value = unquotedValue();
            }
        }
        emit(HtmlEvent.Kind.ATTRIBUTE, name, value);
        return State.IN_TAG;
    }

    private String quotedValue(char quote) {
        int close = in.indexOf(quote, pos);
        int end = close < 0 ? in.length() : close;
        String value = clip(pos, end, MAX_VALUE);
        pos = close < 0 ? in.length() : close + 1;
        return value;
    }

    private String unquotedValue() {
        int start = pos;
        while (pos < in.length() && !isSpace(in.charAt(pos)) && in.charAt(pos) != '>') {
            pos++;
        }
        return clip(start, pos, MAX_VALUE);
    }

    private void emit(HtmlEvent.Kind kind, String name, String value) {
        if (!stopped && sink.test(new HtmlEvent(kind, name, value))) {
            stopped = true;
        }
    }

    private void skipPast(char c) {
        int i = in.indexOf(c, pos);
        pos = i < 0 ? in.length() : i + 1;
    }

    private void skipSpace() {
        while (pos < in.length() && isSpace(in.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return peek(0);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < in.length() ? in.charAt(i) : '\0';
    }

    private String clip(int start, int end, int max) {
        return in.substring(start, Math.min(end, start + max));
    }

    /** HTML white space: tab, line feed, form feed, carriage return, space. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
