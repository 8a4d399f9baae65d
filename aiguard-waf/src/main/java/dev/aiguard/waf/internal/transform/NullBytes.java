package dev.aiguard.waf.internal.transform;

/** {@code t:removeNulls} (drops every 0x00 byte) and {@code t:replaceNulls} (turns it into a space). */
final class NullBytes implements Transformation {

    private final boolean remove;

    private NullBytes(boolean remove) {
        this.remove = remove;
    }

    static NullBytes remove() {
        return new NullBytes(true);
    }

    static NullBytes replace() {
        return new NullBytes(false);
    }

    @Override
    public String name() {
        return remove ? "removeNulls" : "replaceNulls";
    }

    @Override
    public String apply(String input) {
        if (input.indexOf('\0') < 0) {
            return input;
        }
        if (!remove) {
            return input.replace('\0', ' ');
        }
        StringBuilder out = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c != '\0') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
