package dev.aiguard.waf.internal.transform;

/**
 * {@code t:removeComments} (not used by the CRS), as libmodsecurity 3.0.x does it:
 * <ul>
 * <li>{@code /*} or {@code <!--} opens a comment, {@code *}{@code /} or {@code -->} closes it
 * (either closes either); the comment is removed, an unterminated one becomes one space;</li>
 * <li>the byte right after a closing marker is copied without being examined (so
 * {@code a/*x*}{@code /#b} keeps {@code #b}), and a comment that closes at the very end leaves a NUL
 * byte (the C code copies the string terminator);</li>
 * <li>outside a comment, {@code --} or {@code #} ends the value: it and everything after it are
 * removed.</li>
 * </ul>
 * Newer ModSecurity v2 releases dropped the copy-after-close quirk.
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
        boolean inComment = false;
        int i = 0;
        while (i < input.length()) {
            if (!inComment) {
                if (input.startsWith("/*", i) || input.startsWith("<!--", i)) {
                    inComment = true;
                    i += input.charAt(i) == '/' ? 2 : 4;
                } else if (input.startsWith("--", i) || input.charAt(i) == '#') {
                    break;
                } else {
                    out.append(input.charAt(i++));
                }
            } else if (input.startsWith("*/", i) || input.startsWith("-->", i)) {
                inComment = false;
                i += input.charAt(i) == '*' ? 2 : 3;
                out.append(i < input.length() ? input.charAt(i) : '\0');
                i++;
            } else {
                i++;
            }
        }
        if (inComment) {
            out.append(' ');
        }
        return ByteStrings.sameIfEqual(input, out.toString());
    }
}
