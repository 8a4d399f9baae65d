package dev.aiguard.api.internal.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one policy document into a {@link Node} tree, walking the YAML parser's token stream so every node keeps its
 * line and column. It refuses what makes a policy hard to review: duplicate keys, anchors, aliases and merge keys (a
 * value must be written where it applies), tags, several documents in one file, and nesting deeper than
 * {@link #MAX_DEPTH}. {@code ${ENV}} references in scalar values are substituted here.
 */
public final class YamlTreeReader {

    /** Deepest nesting of mappings and lists accepted. */
    public static final int MAX_DEPTH = 32;
    /** Most nodes accepted in one file. */
    public static final int MAX_NODES = 100_000;

    private final YAMLFactory factory = new YAMLFactory();
    private final EnvSubstitution env;

    public YamlTreeReader(EnvSubstitution env) {
        this.env = env;
    }

    /**
     * Parses {@code text}; returns the root mapping, or {@code null} when the file is unusable (the reason is in
     * {@code problems}). Substitution errors are reported but do not stop the parse.
     */
    public Node.MapNode read(String file, String text, Problems problems) {
        try (YAMLParser parser = (YAMLParser) factory.createParser(text)) {
            return new Walk(file, text, parser, problems).document();
        } catch (Stop stop) {
            return null;
        } catch (JsonProcessingException e) {
            problems.add(syntaxLocation(file, e), "", "invalid YAML: " + syntaxMessage(e));
            return null;
        } catch (IOException e) {
            problems.add(Location.wholeFile(file), "", "cannot read: " + e.getMessage());
            return null;
        }
    }

    private static Location syntaxLocation(String file, JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
            return new Location(file, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
        }
        JsonLocation l = e.getLocation();
        return l == null ? Location.wholeFile(file) : new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String syntaxMessage(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
            return marked.getProblem();
        }
        return e.getOriginalMessage();
    }

    /** Ends a parse that cannot go on (the problem is already recorded). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** One pass over one document. */
    private final class Walk {
        private final String file;
        private final String text;
        private final YAMLParser parser;
        private final Problems problems;
        private int nodes;

        Walk(String file, String text, YAMLParser parser, Problems problems) {
            this.file = file;
            this.text = text;
            this.parser = parser;
            this.problems = problems;
        }

        Node.MapNode document() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Location(file, 1, 1), "", "policy is empty");
                throw new Stop();
            }
            Location at = here();
            if (first != JsonToken.START_OBJECT) {
                problems.add(at, "", "expected a mapping of keys at the top of the policy");
                throw new Stop();
            }
            Node.MapNode root = (Node.MapNode) value("", 1);
            if (parser.nextToken() != null) {
                problems.add(here(), "", "several YAML documents in one file are not supported (remove '---')");
                throw new Stop();
            }
            return root;
        }

        private Location here() {
            JsonLocation l = parser.currentTokenLocation();
            return new Location(file, l.getLineNr(), l.getColumnNr());
        }

        /**
         * The anchor on the current value. The parser reports anchors of mappings and lists but not of scalars; a
         * scalar's event starts at its anchor, so the source text tells.
         */
        private String anchor() throws IOException {
            Object id = parser.getObjectId();
            if (id != null) {
                return id.toString();
            }
            long offset = parser.currentTokenLocation().getCharOffset();
            if (offset < 0 || offset >= text.length() || text.charAt((int) offset) != '&') {
                return null;
            }
            int end = (int) offset + 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            return text.substring((int) offset + 1, end);
        }

        private Node value(String path, int depth) throws IOException {
            Location at = here();
            if (++nodes > MAX_NODES) {
                problems.add(at, path, "policy has more than " + MAX_NODES + " values");
                throw new Stop();
            }
            if (depth > MAX_DEPTH) {
                problems.add(at, path, "nesting deeper than " + MAX_DEPTH + " levels");
                throw new Stop();
            }
            if (parser.isCurrentAlias()) {
                problems.add(at, path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
                return new Node.ScalarNode(at, path, Node.ScalarType.NULL, "", "");
            }
            String anchor = anchor();
            if (anchor != null) {
                problems.add(at, path, "YAML anchors (&" + anchor + ") are not supported");
            }
            if (parser.getTypeId() != null) {
                problems.add(at, path, "YAML tags (" + parser.getTypeId() + ") are not supported");
            }
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                return mapping(at, path, depth);
            }
            if (token == JsonToken.START_ARRAY) {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(KeyPaths.index(path, items.size()), depth + 1));
                }
                return new Node.ListNode(at, path, items);
            }
            return scalar(at, path, token);
        }

        private Node mapping(Location at, String path, int depth) throws IOException {
            Map<String, Node.Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Location keyAt = here();
                String childPath = KeyPaths.child(path, key);
                if ("<<".equals(key)) {
                    problems.add(keyAt, path, "YAML merge keys (<<) are not supported; write the keys out");
                }
                parser.nextToken();
                Node child = value(childPath, depth + 1);
                Node.Entry previous = entries.get(key);
                if (previous != null) {
                    problems.add(keyAt, childPath, "duplicate key '" + key + "' (first at line "
                            + previous.keyLocation().line() + ")");
                } else {
                    entries.put(key, new Node.Entry(key, keyAt, child));
                }
            }
            return new Node.MapNode(at, path, entries);
        }

        private Node scalar(Location at, String path, JsonToken token) throws IOException {
            String text = token == JsonToken.VALUE_NULL ? "" : parser.getText();
            Node.ScalarType type = switch (token) {
                case VALUE_NUMBER_INT -> Node.ScalarType.INTEGER;
                case VALUE_NUMBER_FLOAT -> Node.ScalarType.FLOAT;
                case VALUE_TRUE, VALUE_FALSE -> Node.ScalarType.BOOLEAN;
                case VALUE_NULL -> Node.ScalarType.NULL;
                default -> Node.ScalarType.STRING;
            };
            if (type != Node.ScalarType.STRING) {
                return new Node.ScalarNode(at, path, type, text, text);
            }
            EnvSubstitution.Result result = env.substitute(text);
            if (result.error() != null) {
                problems.add(at, path, result.error());
                return new Node.ScalarNode(at, path, Node.ScalarType.STRING, text, text);
            }
            return new Node.ScalarNode(at, path, Node.ScalarType.STRING, result.text(), text);
        }
    }
}
