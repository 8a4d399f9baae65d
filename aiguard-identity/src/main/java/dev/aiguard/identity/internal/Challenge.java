package dev.aiguard.identity.internal;

/**
 * Builds RFC 6750 {@code WWW-Authenticate} challenges. A request without credentials gets a bare challenge (section
 * 3.1 says not to include an error code then); a refused credential gets {@code error="invalid_token"} and a fixed
 * {@code error_description}.
 */
public final class Challenge {

    private final String realm;

    public Challenge(String realm) {
        this.realm = quotable(realm);
    }

    /** The challenge for {@code failure} (a 401 reason). */
    public String header(AuthFailure failure, String detail) {
        if (failure == AuthFailure.CREDENTIALS_MISSING) {
            return "Bearer realm=\"" + realm + "\"";
        }
        String description = detail == null ? failure.description() : failure.description() + ": " + detail;
        return "Bearer realm=\"" + realm + "\", error=\"invalid_token\", error_description=\"" + quotable(description) + "\"";
    }

    /**
     * Keeps only the characters RFC 6750 allows inside these quoted strings (%x20-21 / %x23-5B / %x5D-7E), so
     * nothing can break out of the header value.
     */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }
}
