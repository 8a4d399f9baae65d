package dev.aiguard.waf.internal.transform;

/**
 * {@code t:removeComments}: removes {@code /* ... *}{@code /} and {@code <!-- ... -->} comments; an
 * unterminated one is replaced by a single space. Outside a comment, {@code --} or {@code #} starts
 * a line comment: it and everything after it are removed. (Not used by the CRS.)
 */
final class RemoveComments implements Transformation {

    @Override
    public String name() {
        return "removeComments";
    }

    @Override
    public String apply(String input) {
        if (input.indexOf("/*") < 0 && input.indexOf("<!--") < 0 && input.indexOf("--") < 0
                && input.indexOf('#') < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            if (input.startsWith("/*", i) || input.startsWith("<!--", i)) {
                String close = input.charAt(i) == '/' ? "*/" : "-->";
                int end = input.indexOf(close, i + (close.length() == 2 ? 2 : 4));
                if (end < 0) {
                    out.append(' ');
                    break;
                }
                i = end + close.length();
            } else if (input.startsWith("--", i) || input.charAt(i) == '#') {
                break;
            } else {
                out.append(input.charAt(i++));
            }
        }
        return out.toString();
    }
}
