package dev.aiguard.waf.internal.operator;

/**
 * {@code @validateUrlEncoding}: matches when a {@code %} is not followed by two hexadecimal digits
 * (including a {@code %} too close to the end of the value).
 */
final class UrlEncodingValidator implements Operator {

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        for (int i = value.indexOf('%'); i >= 0; i = value.indexOf('%', i + 1)) {
            if (i + 2 >= value.length() || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
                return true;
            }
            i += 2;
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
