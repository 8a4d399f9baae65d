package dev.aiguard.waf.internal.seclang;

import java.nio.file.Path;

/** Where a directive starts: the file and the 1-based line of its first physical line. */
public record SourceLocation(Path file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
