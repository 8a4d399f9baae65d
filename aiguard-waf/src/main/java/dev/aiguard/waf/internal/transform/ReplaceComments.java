package dev.aiguard.waf.internal.transform;

/**
 * {@code t:replaceComments}: each C-style comment {@code /* ... *}{@code /} becomes one space; an
 * unterminated comment becomes one space that replaces everything to the end. A lone
 * {@code *}{@code /} outside a comment is kept.
 */
final class ReplaceComments implements Transformation {

    @Override
    public String name() {
        return "replaceComments";
    }

    @Override
    public String apply(String input) {
        int open = input.indexOf("/*");
        if (open < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int from = 0;
        while (open >= 0) {
            out.append(input, from, open).append(' ');
            int close = input.indexOf("*/", open + 2);
            if (close < 0) {
                return out.toString();
            }
            from = close + 2;
            open = input.indexOf("/*", from);
        }
        return out.append(input, from, input.length()).toString();
    }
}
