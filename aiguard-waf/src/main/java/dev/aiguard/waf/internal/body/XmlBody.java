package dev.aiguard.waf.internal.body;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The XML request-body processor: a StAX parse with DTDs and external entities disabled (no XXE, no entity
 * expansion), collecting all character data (what ModSecurity's {@code XML:/*} yields: the string value of the
 * root element) and all attribute values ({@code XML://@*}). Malformed XML stops with an error; what was
 * collected before the error is kept.
 */
public final class XmlBody {

    private XmlBody() {
    }

    /** Parses {@code body}; never throws. */
    public static XmlResult parse(byte[] body) {
        StringBuilder text = new StringBuilder();
        List<String> attributes = new ArrayList<>();
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.add(ByteStrings.fromText(reader.getAttributeValue(i)));
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                         XMLStreamConstants.ENTITY_REFERENCE -> {
                        if (depth > 0) {
                            text.append(ByteStrings.fromText(reader.getText()));
                        }
                    }
                    default -> {
                        // Comments, processing instructions and the DTD carry no inspected values.
                    }
                }
            }
            return new XmlResult(text.toString(), attributes, null);
        } catch (XMLStreamException | RuntimeException e) {
            String message = e.getMessage() == null ? "malformed XML" : e.getMessage().replace('\n', ' ');
            return new XmlResult(text.toString(), attributes, "XML parsing error: " + message);
        } finally {
            close(reader);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing to release beyond the in-memory stream.
            }
        }
    }
}
