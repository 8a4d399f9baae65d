package dev.aiguard.waf.internal.body;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class XmlBodyTest {

    private static XmlResult parse(String xml) {
        return XmlBody.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void collectsAllTextAndAttributeValues() {
        XmlResult r = parse("<?xml version=\"1.0\"?><a x=\"1\"><b y=\"2\">hi </b><![CDATA[<c>]]>there</a>");
        assertThat(r.error()).isNull();
        assertThat(r.text()).isEqualTo("hi <c>there");
        assertThat(r.attributes()).containsExactly("1", "2");
    }

    @Test
    void externalEntitiesAreNotResolved() {
        XmlResult r = parse("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<a>&e;</a>");
        assertThat(r.text()).doesNotContain("root:");
    }

    @Test
    void malformedXmlIsAnErrorKeepingEarlierValues() {
        XmlResult r = parse("<a k=\"v\">text<b></a>");
        assertThat(r.error()).startsWith("XML parsing error");
        assertThat(r.attributes()).containsExactly("v");
        assertThat(r.text()).isEqualTo("text");
    }

    @Test
    void nonUtf8BytesDoNotThrow() {
        XmlResult r = XmlBody.parse(new byte[] {'<', 'a', '>', (byte) 0xff, '<', '/', 'a', '>'});
        assertThat(r).isNotNull();
    }
}
