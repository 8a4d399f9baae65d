package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.Re2jEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StringOperatorsTest {

    private static final OperatorEnv ENV = new OperatorEnv(Path.of("."), new Re2jEngine());

    @ParameterizedTest(name = "[{index}] @{0} ''{1}'' on ''{2}'' -> {3}")
    @CsvSource(quoteCharacter = '\'', value = {
            "contains,     .php,        /index.php?x,    true",
            "contains,     .PHP,        /index.php?x,    false",
            "contains,     '',          anything,        true",
            "contains,     abc,         '',              false",
            "containsWord, select,      '1 union select 2', true",
            "containsWord, select,      'wide selection',  false",
            "containsWord, select,      'selection select', true",
            "containsWord, select,      select,          true",
            "containsWord, select,      '_select',       false",
            "containsWord, select,      '(select)',      true",
            "containsWord, '',          x,               true",
            "beginsWith,   GET,         'GET / HTTP/1.1', true",
            "beginsWith,   GET,         'get /',          false",
            "beginsWith,   '',          x,               true",
            "endsWith,     .exe,        file.exe,        true",
            "endsWith,     .exe,        file.exe.txt,    false",
            "endsWith,     '',          x,               true",
            "streq,        POST,        POST,            true",
            "streq,        POST,        'POST ',         false",
            "streq,        '',          '',              true",
            "streq,        '',          x,               false",
            "within,       'GET HEAD POST', GET,         true",
            "within,       'GET HEAD POST', PUT,         false",
            "within,       'GET HEAD POST', 'T H',       true",
            "within,       'GET HEAD POST', '',          true",
            "within,       '',          GET,             false",
    })
    void stringOperatorsFollowModSecurity(String op, String argument, String value, boolean expected) {
        Operator operator = Operators.create(op, argument, ENV);
        assertThat(operator.evaluate(value, RecordingContext.plain())).isEqualTo(expected);
    }

    @Test
    void macroArgumentsAreExpandedAtEachEvaluation() {
        Operator within = Operators.create("within", "%{tx.allowed_methods}", ENV);
        RecordingContext narrow = new RecordingContext(Map.of("tx.allowed_methods", "GET HEAD"), false);
        RecordingContext wide = new RecordingContext(Map.of("tx.allowed_methods", "GET HEAD PUT"), false);
        assertThat(within.evaluate("PUT", narrow)).isFalse();
        assertThat(within.evaluate("PUT", wide)).isTrue();
        assertThat(narrow.expansions).isEqualTo(1);

        Operator endsWith = Operators.create("endsWith", "%{request_headers.host}", ENV);
        assertThat(endsWith.evaluate("http://evil.example.com",
                new RecordingContext(Map.of("request_headers.host", "example.com"), false))).isTrue();
    }

    @Test
    void constantArgumentsAreNotExpanded() {
        RecordingContext context = RecordingContext.plain();
        Operators.create("streq", "abc", ENV).evaluate("abc", context);
        assertThat(context.expansions).isZero();
    }
}
