package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.RegexEngine;

import java.nio.file.Path;

/**
 * Load-time environment for compiling operators.
 *
 * @param ruleDir directory of the rule file, against which {@code @pmFromFile} paths resolve
 * @param regex   the regex engine for {@code @rx}
 */
public record OperatorEnv(Path ruleDir, RegexEngine regex) {
}
