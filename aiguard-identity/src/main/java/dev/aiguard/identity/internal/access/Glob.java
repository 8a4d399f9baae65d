package dev.aiguard.identity.internal.access;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled glob. In path globs {@code *} matches any run of characters except {@code /}, {@code **} any run
 * including {@code /}, and {@code ?} one character except {@code /}. In name globs (models) {@code *} and
 * {@code **} both match anything. Matching simulates the pattern as an NFA: O(text x pattern), no backtracking.
 */
public final class Glob {

    private static final char LITERAL = 0;
    private static final char ONE = 1;
    private static final char STAR = 2;
    private static final char DOUBLE_STAR = 3;

    private final String pattern;
    private final char[] kinds;
    private final char[] literals;
    private final boolean pathMode;
    /** For a path glob ending in {@code /**}: the glob without it, so {@code /v1/**} also matches {@code /v1}. */
    private final Glob parent;

    private Glob(String pattern, char[] kinds, char[] literals, boolean pathMode, Glob parent) {
        this.pattern = pattern;
        this.kinds = kinds;
        this.literals = literals;
        this.pathMode = pathMode;
        this.parent = parent;
    }

    /** A glob over paths ({@code *} stops at {@code /}; a trailing {@code /**} also matches the bare parent). */
    public static Glob path(String pattern) {
        Glob parent = pattern.endsWith("/**") && pattern.length() > 3
                ? compile(pattern.substring(0, pattern.length() - 3), true, null) : null;
        return compile(pattern, true, parent);
    }

    /** A glob over names ({@code *} matches anything). */
    public static Glob name(String pattern) {
        return compile(pattern, false, null);
    }

    private static Glob compile(String pattern, boolean pathMode, Glob parent) {
        List<char[]> tokens = new ArrayList<>(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                boolean twice = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
                while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                }
                tokens.add(new char[] {twice || !pathMode ? DOUBLE_STAR : STAR, 0});
            } else if (c == '?') {
                tokens.add(new char[] {ONE, 0});
            } else {
                tokens.add(new char[] {LITERAL, c});
            }
        }
        char[] kinds = new char[tokens.size()];
        char[] literals = new char[tokens.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = tokens.get(i)[0];
            literals[i] = tokens.get(i)[1];
        }
        return new Glob(pattern, kinds, literals, pathMode, parent);
    }

    /** Whether the whole of {@code text} matches. */
    public boolean matches(String text) {
        return run(text) || (parent != null && parent.run(text));
    }

    private boolean run(String text) {
        int m = kinds.length;
        boolean[] current = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        current[0] = true;
        close(current);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            java.util.Arrays.fill(next, false);
            boolean any = false;
            for (int s = 0; s < m; s++) {
                if (!current[s]) {
                    continue;
                }
                switch (kinds[s]) {
                    case LITERAL -> next[s + 1] |= literals[s] == c;
                    case ONE -> next[s + 1] |= !(pathMode && c == '/');
                    case STAR -> next[s] |= c != '/';
                    default -> next[s] = true;
                }
            }
            close(next);
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return current[m];
    }

    /** Stars may match the empty string: a state before a star also enables the state after it. */
    private void close(boolean[] states) {
        for (int s = 0; s < kinds.length; s++) {
            if (states[s] && (kinds[s] == STAR || kinds[s] == DOUBLE_STAR)) {
                states[s + 1] = true;
            }
        }
    }

    @Override
    public String toString() {
        return pattern;
    }
}
