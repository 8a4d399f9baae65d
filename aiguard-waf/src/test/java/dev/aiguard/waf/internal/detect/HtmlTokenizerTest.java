package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiguard.waf.internal.detect.HtmlEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTokenizerTest {

    private static List<HtmlEvent> events(String input, HtmlContext context) {
        List<HtmlEvent> out = new ArrayList<>();
        HtmlTokenizer.tokenize(input, context, event -> !out.add(event));
        return out;
    }

    @Test
    void splitsTagsAttributesAndValuesLikeABrowser() {
        assertThat(events("a<IMG SRC=x onerror = 'alert(1)' alt=\"a b\" checked/>b</Img>", HtmlContext.DATA))
                .containsExactly(
                        new HtmlEvent(Kind.START_TAG, "img", null),
                        new HtmlEvent(Kind.ATTRIBUTE, "src", "x"),
                        new HtmlEvent(Kind.ATTRIBUTE, "onerror", "alert(1)"),
                        new HtmlEvent(Kind.ATTRIBUTE, "alt", "a b"),
                        new HtmlEvent(Kind.ATTRIBUTE, "checked", null),
                        new HtmlEvent(Kind.END_TAG, "img", null));
    }

    @Test
    void slashSeparatesAttributesAsInHtml5() {
        assertThat(events("<svg/onload=alert()>", HtmlContext.DATA)).containsExactly(
                new HtmlEvent(Kind.START_TAG, "svg", null),
                new HtmlEvent(Kind.ATTRIBUTE, "onload", "alert()"));
    }

    @Test
    void readsCommentsAndBogusComments() {
        assertThat(events("<!-- x --><!doctype html><?php x ?>", HtmlContext.DATA)).containsExactly(
                new HtmlEvent(Kind.COMMENT, " x ", null),
                new HtmlEvent(Kind.COMMENT, "doctype html", null),
                new HtmlEvent(Kind.COMMENT, "php x ?", null));
    }

    @Test
    void lessThanWithoutALetterIsText() {
        assertThat(events("1 < 2 <3 <", HtmlContext.DATA)).isEmpty();
    }

    @Test
    void valueContextEndsAtItsQuoteAndContinuesWithAttributes() {
        assertThat(events("x\" onclick=\"go()\">", HtmlContext.VALUE_DOUBLE_QUOTED)).containsExactly(
                new HtmlEvent(Kind.ATTRIBUTE, "", "x"),
                new HtmlEvent(Kind.ATTRIBUTE, "onclick", "go()"));
        assertThat(events("a b=c", HtmlContext.VALUE_UNQUOTED)).containsExactly(
                new HtmlEvent(Kind.ATTRIBUTE, "", "a"),
                new HtmlEvent(Kind.ATTRIBUTE, "b", "c"));
    }

    @Test
    void backquoteQuotesAValueAsOldInternetExplorerDid() {
        assertThat(events("<a title=`x y`>", HtmlContext.DATA)).contains(new HtmlEvent(Kind.ATTRIBUTE, "title", "x y"));
    }

    @Test
    void stopsWhenTheSinkSaysSo() {
        List<HtmlEvent> seen = new ArrayList<>();
        boolean stopped = HtmlTokenizer.tokenize("<a><b><c>", HtmlContext.DATA, e -> seen.add(e) && seen.size() == 2);
        assertThat(stopped).isTrue();
        assertThat(seen).hasSize(2);
    }

    @Test
    void cutsLongValuesToTheLimit() {
        List<HtmlEvent> out = events("<a title=\"" + "v".repeat(5000) + "\">", HtmlContext.DATA);
        assertThat(out.get(1).value()).hasSize(HtmlTokenizer.MAX_VALUE);
    }
}
