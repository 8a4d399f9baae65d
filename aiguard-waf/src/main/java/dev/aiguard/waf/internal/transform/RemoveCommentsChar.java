package dev.aiguard.waf.internal.transform;

/**
 * {@code t:removeCommentsChar}: deletes the comment markers themselves, not what they enclose:
 * {@code /*}, {@code *}{@code /}, {@code <!--}, {@code -->}, {@code --} and {@code #}. Markers are
 * found left to right in the original text; deleting one never joins its neighbours into a new one.
 */
final class RemoveCommentsChar implements Transformation {

    private static final String[] MARKERS = {"/*", "*/", "<!--", "-->", "--", "#"};

    @Override
    public String name() {
        return "removeCommentsChar";
    }

    @Override
    public String apply(String input) {
        if (ByteStrings.indexOfAny(input, "/*<-#") < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            int marker = markerLengthAt(input, i);
            if (marker > 0) {
                i += marker;
            } else {
                out.append(input.charAt(i++));
            }
        }
        return out.length() == input.length() ? input : out.toString();
    }

    private static int markerLengthAt(String input, int index) {
        for (String marker : MARKERS) {
            if (input.startsWith(marker, index)) {
                return marker.length();
            }
        }
        return 0;
    }
}
