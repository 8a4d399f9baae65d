package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.CompiledPattern;
import dev.aiguard.waf.internal.regex.Re2jEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CapturesTest {

    /** A real RE2/J pattern that counts how often its groups are computed. */
    private static final class CountingPattern implements CompiledPattern {
        private final CompiledPattern real;
        final AtomicInteger groupRuns = new AtomicInteger();

        CountingPattern(CompiledPattern real) {
            this.real = real;
        }

        @Override
        public String pattern() {
            return real.pattern();
        }

        @Override
        public int groupCount() {
            return real.groupCount();
        }

        @Override
        public boolean find(String input) {
            return real.find(input);
        }

        @Override
        public List<String> findGroups(String input, int maxGroups) {
            groupRuns.incrementAndGet();
            return real.findGroups(input, maxGroups);
        }
    }

    @Test
    void rxDecidesTheMatchNowAndComputesGroupsOnceWhenFirstRead() {
        try (Re2jEngine engine = new Re2jEngine()) {
            CountingPattern pattern = new CountingPattern(engine.compile("(?i)(union)\\s+(all\\s+)?(select)"));
            RecordingCaptures context = new RecordingCaptures();
            assertThat(new RxOperator(pattern).evaluate("1 UNION SELECT 2", context)).isTrue();

            assertThat(context.captures.count()).isEqualTo(4);
            assertThat(pattern.groupRuns).hasValue(0);
            assertThat(context.captures.group(3)).isEqualTo("SELECT");
            assertThat(context.captures.groups()).containsExactly("UNION SELECT", "UNION", "", "SELECT");
            assertThat(pattern.groupRuns).hasValue(1);
        }
    }

    @Test
    void groupCountIsCappedAtNineGroupsPlusTheWholeMatch() {
        try (Re2jEngine engine = new Re2jEngine()) {
            CompiledPattern eleven = engine.compile("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)");
            Captures captures = Captures.deferred(eleven, "abcdefghijk", RxOperator.MAX_CAPTURE_GROUPS);
            assertThat(captures.count()).isEqualTo(10);
            assertThat(captures.groups()).hasSize(10).endsWith("i");
        }
    }

    private static final class RecordingCaptures implements OperatorContext {
        Captures captures;

        @Override
        public String expandMacros(String text) {
            return text;
        }

        @Override
        public boolean captureEnabled() {
            return true;
        }

        @Override
        public void captured(Captures c) {
            captures = c;
        }
    }
}
