package dev.aiguard.waf.internal.body;

import java.util.List;

/**
 * What the XML processor produced.
 *
 * @param text       all character data of the document, concatenated in document order (XPath {@code /*})
 * @param attributes every attribute value in document order (XPath {@code //@*})
 * @param error      the parse error, or {@code null}
 */
public record XmlResult(String text, List<String> attributes, String error) {
    public XmlResult {
        attributes = List.copyOf(attributes);
    }
}
