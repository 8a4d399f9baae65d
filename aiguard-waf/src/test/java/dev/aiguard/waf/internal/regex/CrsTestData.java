package dev.aiguard.waf.internal.regex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Test-only access to the CRS data in {@code shared/crs}: the {@code @rx} operands of the rule files
 * (a small extractor, independent of the SecLang parser) and request values from the go-ftw
 * regression tests. Skips the calling test when the CRS directory is absent.
 */
public final class CrsTestData {

    /** One {@code @rx} statement: the rule id (the chain head's for chain links) and its pattern. */
    public record RxStatement(String ruleId, String pattern) {
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\\bid:(\\d+)");

    private CrsTestData() {
    }

    /** The CRS directory; aborts (skips) the test when it is not there. */
    public static Path crsDir() {
        String dir = System.getProperty("aiguard.crs.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("AIGUARD_CRS_DIR");
        }
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                "CRS data not found: set -Daiguard.crs.dir or AIGUARD_CRS_DIR (was " + dir + ")");
        return Path.of(dir);
    }

    /** All {@code @rx} statements of {@code rules/*.conf}, in file order. */
    public static List<RxStatement> rxStatements() {
        List<RxStatement> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(crsDir().resolve("rules"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                extractRx(Files.readString(file, StandardCharsets.ISO_8859_1), result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static void extractRx(String text, List<RxStatement> out) {
        String joined = text.replace("\\\r\n", "").replace("\\\n", "");
        String lastId = "?";
        for (String line : joined.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("SecRule ")) {
                continue;
            }
            int[] cursor = {"SecRule".length()};
            readToken(trimmed, cursor);
            String operator = readToken(trimmed, cursor);
            String actions = readToken(trimmed, cursor);
            Matcher id = ID.matcher(actions == null ? "" : actions);
            if (id.find()) {
                lastId = id.group(1);
            }
            if (operator == null) {
                continue;
            }
            String op = operator.startsWith("!") ? operator.substring(1) : operator;
            if (op.startsWith("@rx ")) {
                out.add(new RxStatement(lastId, op.substring(4)));
            }
        }
    }

    /** Reads one whitespace-separated token; a quoted one loses its quotes and {@code \"} escapes. */
    private static String readToken(String line, int[] cursor) {
        int i = cursor[0];
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i >= line.length()) {
            cursor[0] = i;
            return null;
        }
        StringBuilder token = new StringBuilder();
        if (line.charAt(i) == '"') {
            i++;
            while (i < line.length() && line.charAt(i) != '"') {
                if (line.charAt(i) == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    i++;
                }
                token.append(line.charAt(i++));
            }
            cursor[0] = i + 1;
            return token.toString();
        }
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            token.append(line.charAt(i++));
        }
        cursor[0] = i;
        return token.toString();
    }

    /**
     * Distinct request values (uri, body, header values) of the regression tests, each raw and
     * URL-decoded, as byte strings (UTF-8 bytes, one char per byte). Sorted, so runs are repeatable.
     */
    public static List<String> regressionInputs() {
        TreeSet<String> values = new TreeSet<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.walk(crsDir().resolve("tests"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode root = yaml.readTree(file.toFile());
                if (root == null) {
                    continue;
                }
                for (JsonNode input : root.findValues("input")) {
                    addValue(values, input.get("uri"));
                    addValue(values, input.get("data"));
                    JsonNode headers = input.get("headers");
                    if (headers != null) {
                        for (Map.Entry<String, JsonNode> h : headers.properties()) {
                            addValue(values, h.getValue());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(values);
    }

    private static void addValue(TreeSet<String> values, JsonNode node) {
        if (node == null || !node.isValueNode()) {
            return;
        }
        String raw = new String(node.asText().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        values.add(raw);
        values.add(urlDecode(raw));
    }

    /** Lenient URL decoding: {@code %XX} and {@code +}; invalid escapes stay as they are. */
    static String urlDecode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.append(' ');
            } else if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
