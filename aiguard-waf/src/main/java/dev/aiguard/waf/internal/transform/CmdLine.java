package dev.aiguard.waf.internal.transform;

/**
 * {@code t:cmdLine}: normalises a command line the way shells ignore noise in it.
 * <ul>
 * <li>deletes {@code \ " ' ^};</li>
 * <li>turns each run of space, tab, CR, LF, {@code ,} and {@code ;} into one space (a deleted
 * character does not end the run);</li>
 * <li>deletes a space right before {@code /} or {@code (};</li>
 * <li>lower-cases ASCII letters.</li>
 * </ul>
 */
final class CmdLine implements Transformation {

    @Override
    public String name() {
        return "cmdLine";
    }

    @Override
    public String apply(String input) {
        StringBuilder out = new StringBuilder(input.length());
        boolean inSpace = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            switch (c) {
                case '"', '\'', '\\', '^' -> {
                    // deleted
                }
                case ' ', ',', ';', '\t', '\r', '\n' -> {
                    if (!inSpace) {
                        out.append(' ');
                        inSpace = true;
                    }
                }
                case '/', '(' -> {
                    if (inSpace) {
                        out.setLength(out.length() - 1);
                    }
                    inSpace = false;
                    out.append(c);
                }
                default -> {
                    out.append(c >= 'A' && c <= 'Z' ? (char) (c + 0x20) : c);
                    inSpace = false;
                }
            }
        }
        return out.length() == input.length() && input.contentEquals(out) ? input : out.toString();
    }
}
