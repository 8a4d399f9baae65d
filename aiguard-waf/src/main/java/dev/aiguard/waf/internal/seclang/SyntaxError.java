package dev.aiguard.waf.internal.seclang;

/**
 * A syntax problem found inside one directive, before the file and line are known. The directive
 * parser turns it into a {@link SecLangException} that names the location.
 */
final class SyntaxError extends RuntimeException {

    SyntaxError(String message) {
        super(message, null, false, false);
    }
}
