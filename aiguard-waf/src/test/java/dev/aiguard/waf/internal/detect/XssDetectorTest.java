package dev.aiguard.waf.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XssDetectorTest {

    private final XssDetector detector = new XssDetector();

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '\0', textBlock = """
            tag:script :: <script>alert(1)</script>
            tag:script :: www.github.com<script><img><iframe>
            tag:script :: <x:script xmlns:x="http://www.w3.org/1999/xhtml" src="data:,alert(1)" />
            tag:script :: <ScRiPt SRC=//evil.example/x.js>
            tag:iframe :: <iframe src=//evil.example>
            tag:svg :: <svg><animate onbegin=alert(1)>
            tag:object :: <object data="x.swf">
            tag:base :: <base href="//evil.example/">
            event-handler:onerror :: <img src=x onerror=alert(1)>
            event-handler:onload :: /get/index.php/<body/onload=alert()
            event-handler:onbeforehellfreezes :: <xss onbeforehellfreezes=alerw(1)>
            event-handler:onmouseover :: /get/"onmouseover='prompt(document.cookie)'"
            event-handler:onfocus :: x' onfocus='alert(1)' autofocus x='
            event-handler:onfocus :: onfocus=alert(1) autofocus
            script-url:javascript: :: <a href="javascript:alert(1)">x</a>
            script-url:javascript: :: javascript:alert(document.domain)
            script-url:vbscript: :: <img src="vbscript:msgbox(1)">
            script-url:javascript: :: <animate attributeName=href values=javascript:alert(1) />
            data-url :: <a href="data:text/html;base64,PHNjcmlwdD4=">x</a>
            data-url :: data:text/html,<b>hi</b>
            srcdoc :: <a srcdoc="&lt;b&gt;">
            style-script :: <div style="width: expression(alert(1))">
            style-script :: <div style="-moz-binding:url(//x/xbl.xml#xss)">
            style-script :: <IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">
            script-entity :: <BR SIZE="&{alert('XSS')}">
            end-tag:script :: </script><b>
            comment:conditional :: <!--[if gte IE 4]><b>x</b><![endif]-->
            """)
    void recognisesScriptBearingMarkup(String rule, String input) {
        assertThat(detector.detect(input)).hasValueSatisfying(found -> assertThat(found).startsWith(rule + "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello world", "<b>bold</b> and <i>italic</i>", "<a href=\"https://example.com/a?b=c\">link</a>",
        "<img src=\"cat.png\" alt=\"a cat\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
        "x < y and y > z", "I <3 you", "JavaScript: The Good Parts", "Data: 42", "one=1 two=2",
        "<p class=\"note\">Once upon a time</p>", "<foo val=“bar” />", "O'Reilly <oreilly@example.com>",
        "<!-- a comment -->", "a > b", "<br/><hr/>", "price <= 100 && qty >= 2", "once=twice",
        "Online = yes", "<ul><li>one</li></ul>", "mailto:someone@example.com"})
    void acceptsBenignText(String input) {
        assertThat(detector.detect(input)).isEmpty();
    }

    @Test
    void readsSchemesTheWayBrowsersDoIgnoringControlsAndTabs() {
        assertThat(detector.detect("<a href=\" \u0001\njava\tscr\nipt:alert(1)\">x</a>"))
                .hasValueSatisfying(found -> assertThat(found).startsWith("script-url:javascript:/"));
        assertThat(detector.detect("java\tscript:alert(1)"))
                .hasValueSatisfying(found -> assertThat(found).startsWith("script-url:javascript:/"));
        assertThat(detector.detect("<a href=\"javascript&colon;confirm()\">"))
                .hasValueSatisfying(found -> assertThat(found).startsWith("script-url:javascript:/"));
    }

    @Test
    void ignoresEventHandlerWhoseValueIsAPlainWord() {
        assertThat(detector.detect("<div onclick=nothing>")).isEmpty();
    }

    @Test
    void namesTheContextWhereTheMarkupWasFound() {
        assertThat(detector.detect("\" onclick=\"alert(1)")).contains("event-handler:onclick/value_double_quoted");
    }

    @Test
    void emptyAndNullInputAreNotXss() {
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
    }
}
