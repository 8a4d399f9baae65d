package dev.aiguard.waf.internal.seclang;

import java.nio.file.Path;
import java.util.List;

/**
 * Parses SecLang (the ModSecurity rule language) files into {@link Directive}s, in order,
 * following {@code Include} directives (with globs, relative to the including file).
 * Any syntax error or unsupported directive throws {@link SecLangException}; nothing is skipped silently.
 */
public final class SecLangParser {

    /** Parses one file (and what it includes). */
    public List<Directive> parseFile(Path file) {
        throw new UnsupportedOperationException("SecLang parser not implemented yet");
    }

    /** Parses rule text; {@code origin} is the name used in locations and error messages. */
    public List<Directive> parseText(String text, Path origin) {
        throw new UnsupportedOperationException("SecLang parser not implemented yet");
    }
}
