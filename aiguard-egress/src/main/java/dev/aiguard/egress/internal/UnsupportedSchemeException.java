package dev.aiguard.egress.internal;

/** A URL whose scheme the guard does not handle (only http, https, ws and wss reach the network through it). */
public final class UnsupportedSchemeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedSchemeException(String scheme) {
        super("scheme '" + scheme + "' is not supported", null, false, false);
    }
}
