package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineJoinerTest {

    private static List<LogicalLine> lines(String text) {
        LineJoiner joiner = new LineJoiner(text);
        List<LogicalLine> out = new ArrayList<>();
        for (LogicalLine l = joiner.next(); l != null; l = joiner.next()) {
            out.add(l);
        }
        return out;
    }

    @Test
    void commentAndBlankLinesAreSkippedAndLineNumbersKept() {
        assertThat(lines("# comment\n\n   \n  # indented comment\nSecMarker A\n\t\nSecMarker B"))
                .containsExactly(new LogicalLine("SecMarker A", 5), new LogicalLine("SecMarker B", 7));
    }

    @Test
    void backslashAtLineEndJoinsTheNextLineAndLocationIsTheFirstLine() {
        assertThat(lines("\nSecRule ARGS \"@rx a\" \\\n    \"id:1,\\\n    phase:2\"\nSecMarker X\n"))
                .containsExactly(new LogicalLine("SecRule ARGS \"@rx a\"     \"id:1,    phase:2\"", 2),
                        new LogicalLine("SecMarker X", 5));
    }

    @Test
    void blanksAfterTheContinuationBackslashAreIgnored() {
        assertThat(lines("SecMarker \\  \t\nEND")).containsExactly(new LogicalLine("SecMarker END", 1));
    }

    @Test
    void crlfLineEndsAreAccepted() {
        assertThat(lines("SecMarker A\r\nSecRule X \\\r\n  Y\r\n"))
                .containsExactly(new LogicalLine("SecMarker A", 1), new LogicalLine("SecRule X   Y", 2));
    }

    @Test
    void commentEndingInBackslashDoesNotSwallowTheNextLine() {
        assertThat(lines("#SecAction \\\nSecMarker A")).containsExactly(new LogicalLine("SecMarker A", 2));
    }

    @Test
    void continuationLinesStartingWithHashAreContentNotComments() {
        assertThat(lines("SecRule A \\\n#B")).containsExactly(new LogicalLine("SecRule A #B", 1));
    }

    @Test
    void continuationOnTheLastLineEndsTheStatement() {
        assertThat(lines("SecMarker A \\")).containsExactly(new LogicalLine("SecMarker A ", 1));
    }

    @Test
    void emptyTextHasNoLines() {
        assertThat(lines("")).isEmpty();
        assertThat(lines("\n\n#x\n")).isEmpty();
    }
}
