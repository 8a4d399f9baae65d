package dev.aiguard.waf;

/** Rules could not be loaded; the message names the file and line and what is wrong. */
public final class WafConfigException extends RuntimeException {
    public WafConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
