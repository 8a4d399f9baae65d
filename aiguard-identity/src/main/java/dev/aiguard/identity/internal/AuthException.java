package dev.aiguard.identity.internal;

/**
 * A credential was refused. Carries only safe text: the reason, an optional detail taken from the policy (a claim
 * name, never a claim value from the token) and the id of the key involved, if known.
 */
public final class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AuthFailure failure;
    private final String detail;
    private final String keyId;

    public AuthException(AuthFailure failure, String detail, String keyId) {
        super(failure.description() + (detail == null ? "" : ": " + detail), null, false, false);
        this.failure = failure;
        this.detail = detail;
        this.keyId = keyId;
    }

    public AuthException(AuthFailure failure) {
        this(failure, null, null);
    }

    public AuthFailure failure() {
        return failure;
    }

    /** Safe detail (from the policy), or {@code null}. */
    public String detail() {
        return detail;
    }

    /** The key id involved (API key id or JWT {@code kid}), or {@code null}. */
    public String keyId() {
        return keyId;
    }
}
