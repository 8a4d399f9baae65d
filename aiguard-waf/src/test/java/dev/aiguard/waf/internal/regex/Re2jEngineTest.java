package dev.aiguard.waf.internal.regex;

/** The engine contract on RE2/J. */
class Re2jEngineTest extends RegexEngineContract {

    @Override
    RegexEngine newEngine() {
        return new Re2jEngine();
    }
}
