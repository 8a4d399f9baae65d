package dev.aiguard.waf.internal.seclang;

import java.nio.file.Path;
import java.util.List;

/**
 * Parses SecLang (the ModSecurity rule language) files into {@link Directive}s, in order,
 * following {@code Include} directives (with globs, relative to the including file).
 * Any syntax error or unsupported directive throws {@link SecLangException}; nothing is skipped silently.
 *
 * <p>What is accepted, in short (details on the package-private helpers):
 * <ul>
 *   <li>lines: {@code #} comment lines, blank lines, {@code \} line continuation
 *       ({@link LineJoiner});</li>
 *   <li>arguments: bare words, {@code "..."} and {@code '...'} with {@code \"} / {@code \'}
 *       escapes, other backslashes kept ({@link ArgumentTokenizer});</li>
 *   <li>directives: {@code SecRule}, {@code SecAction}, {@code SecMarker}, {@code SecDefaultAction},
 *       {@code SecRuleRemoveById/ByTag/ByMsg}, {@code SecRuleUpdateTargetById/ByTag/ByMsg},
 *       {@code SecRuleUpdateActionById}, {@code Include}, {@code IncludeOptional} and the settings
 *       listed in {@link Settings}; names are case-insensitive ({@link DirectiveParser});</li>
 *   <li>targets ({@link TargetListParser}), operators ({@link OperatorParser}) and action lists
 *       ({@link ActionListParser}) are checked for syntax only; whether an action, operator or
 *       transformation exists is the rule compiler's question.</li>
 * </ul>
 * Parsing is iterative and linear in the input size; instances hold no per-call state and may be shared.
 */
public final class SecLangParser {
    private final DirectiveParser directives = new DirectiveParser();

    /** Parses one file (and what it includes). */
    public List<Directive> parseFile(Path file) {
        ParseRun run = new ParseRun(directives);
        run.parseFile(file);
        return List.copyOf(run.result());
    }

    /** Parses rule text; {@code origin} is the name used in locations and error messages. */
    public List<Directive> parseText(String text, Path origin) {
        ParseRun run = new ParseRun(directives);
        run.parseText(text, origin);
        return List.copyOf(run.result());
    }
}
