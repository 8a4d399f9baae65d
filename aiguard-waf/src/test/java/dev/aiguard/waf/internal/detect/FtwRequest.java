package dev.aiguard.waf.internal.detect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Test-only view of a go-ftw stage input as the collections ModSecurity would build from it:
 * arguments from the query string and a form or XML body, cookies, headers and the path. Just enough
 * HTTP parsing to feed the detectors the values CRS rules 941100/941101/942100/942101 inspect.
 */
final class FtwRequest {

    private final String uri;
    private final Map<String, Object> headers;
    private final String body;

    @SuppressWarnings("unchecked")
    FtwRequest(Map<String, Object> input) {
        this.uri = latin1(String.valueOf(input.getOrDefault("uri", "/")));
        this.headers = (Map<String, Object>) input.getOrDefault("headers", Map.of());
        Object data = input.get("data");
        this.body = data == null ? null : latin1(String.valueOf(data));
    }

    /** A value in a named ModSecurity collection. */
    record Value(String variable, String value) {
    }

    List<Value> args() {
        List<Value> out = new ArrayList<>();
        forEachPair(query(), (name, value) -> out.add(new Value("ARGS:" + name, value)));
        if (isFormBody()) {
            forEachPair(body, (name, value) -> out.add(new Value("ARGS:" + name, value)));
        }
        return out;
    }

    List<Value> argNames() {
        List<Value> out = new ArrayList<>();
        forEachPair(query(), (name, value) -> out.add(new Value("ARGS_NAMES", name)));
        if (isFormBody()) {
            forEachPair(body, (name, value) -> out.add(new Value("ARGS_NAMES", name)));
        }
        return out;
    }

    List<Value> cookies(boolean names) {
        List<Value> out = new ArrayList<>();
        String cookie = header("Cookie");
        if (cookie != null) {
            for (String part : cookie.split(";")) {
                String[] kv = part.trim().split("=", 2);
                out.add(new Value(names ? "REQUEST_COOKIES_NAMES" : "REQUEST_COOKIES:" + kv[0],
                        names ? kv[0] : kv.length > 1 ? kv[1] : ""));
            }
        }
        return out;
    }

    List<Value> header(String name, String variable) {
        String value = header(name);
        return value == null ? List.of() : List.of(new Value(variable, value));
    }

    Value filename() {
        int q = uri.indexOf('?');
        return new Value("REQUEST_FILENAME", q < 0 ? uri : uri.substring(0, q));
    }

    Value basename() {
        String path = filename().value();
        return new Value("REQUEST_BASENAME", path.substring(path.lastIndexOf('/') + 1));
    }

    /** {@code XML:/*} (the text of the document) and {@code XML://@*} (every attribute value). */
    List<Value> xml() {
        String type = header("Content-Type");
        if (body == null || type == null || !type.toLowerCase(Locale.ROOT).contains("xml")) {
            return List.of();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
            List<Value> out = new ArrayList<>();
            out.add(new Value("XML:/*", doc.getDocumentElement().getTextContent()));
            collectAttributes(doc.getDocumentElement(), out);
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void collectAttributes(Element element, List<Value> out) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            out.add(new Value("XML://@*", attributes.item(i).getNodeValue()));
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element e) {
                collectAttributes(e, out);
            }
        }
    }

    private boolean isFormBody() {
        String type = header("Content-Type");
        return body != null && (type == null || type.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded"));
    }

    private String query() {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }

    private String header(String name) {
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return latin1(String.valueOf(e.getValue()));
            }
        }
        return null;
    }

    private interface PairConsumer {
        void accept(String name, String value);
    }

    /** Splits {@code a=1&b=2}; names and values are URL-decoded as the server's parser does. */
    private static void forEachPair(String encoded, PairConsumer consumer) {
        if (encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            consumer.accept(CrsDetectorChains.urlDecodeUni(name), CrsDetectorChains.urlDecodeUni(value));
        }
    }

    /** YAML gives Unicode text; the WAF sees its UTF-8 bytes. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
