package dev.aiguard.waf.internal.seclang;

import java.nio.file.Path;

/**
 * A rule file could not be loaded. The message always names the file and line and, where there is
 * one, the offending token: {@code REQUEST-942.conf:17: unknown operator '@rxx'}.
 */
public final class SecLangException extends RuntimeException {
    private final Path file;
    private final int line;

    public SecLangException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public SecLangException(Path file, int line, String message, Throwable cause) {
        super(file + ":" + line + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
