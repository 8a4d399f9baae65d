package dev.aiguard.api.internal.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a {@link Node} tree against a configuration type and binds it. The check walks the tree and the type's
 * properties (found by Jackson's introspection, so {@code @JsonProperty} names and {@code required} flags apply)
 * side by side and reports every unknown key, type mismatch and missing required key at once, each at its own
 * location. Only a tree that passed is bound, from a normalized JSON tree, by Jackson.
 */
public final class ConfigBinder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** Longest number text accepted: far beyond any setting, short enough to parse in constant time. */
    private static final int MAX_DIGITS = 64;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final ObjectMapper mapper;

    public ConfigBinder() {
        SimpleModule module = new SimpleModule("aiguard-policy");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        this.mapper = new ObjectMapper().registerModule(module);
    }

    /** The Jackson type of {@code type}. */
    public JavaType type(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }

    /** The keys a configuration type accepts, in declaration order. */
    public List<String> keys(JavaType type) {
        return properties(type).keySet().stream().toList();
    }

    /**
     * Checks {@code node} against {@code type}.
     *
     * @return the normalized tree to bind, or {@code null} when a problem was reported
     */
    public JsonNode check(Node node, JavaType type, Problems problems) {
        int before = problems.size();
        JsonNode out = walk(node, type, problems);
        return problems.size() == before ? out : null;
    }

    /**
     * Checks the keys of {@code map} that {@code own} accepts against the bean {@code type}; other keys are unknown
     * (reported with a hint drawn from the type's keys and {@code otherKnown}) unless {@code own} rejects them.
     *
     * @param own        which keys this type is responsible for
     * @param otherKnown keys handled elsewhere, offered as hints
     * @return the normalized object, or {@code null} when a problem was reported
     */
    public ObjectNode checkObject(Node.MapNode map, JavaType type, Predicate<String> own, Collection<String> otherKnown,
                                  Problems problems) {
        int before = problems.size();
        ObjectNode out = object(map, type, own, otherKnown, problems);
        return problems.size() == before ? out : null;
    }

    /**
     * Binds a checked tree. A constructor that rejects the values (a record's own invariant) is reported at
     * {@code at}.
     *
     * @return the value, or {@code null} when binding failed
     */
    public Object bind(JsonNode tree, JavaType type, Node at, Problems problems) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(at, rootMessage(e));
            return null;
        }
    }

    /** A node as a plain JSON tree (for free-form values and digests). */
    public static JsonNode toJson(Node node) {
        if (node instanceof Node.MapNode map) {
            ObjectNode out = JSON.objectNode();
            map.entries().forEach((k, e) -> out.set(k, toJson(e.value())));
            return out;
        }
        if (node instanceof Node.ListNode list) {
            ArrayNode out = JSON.arrayNode();
            list.items().forEach(item -> out.add(toJson(item)));
            return out;
        }
        Node.ScalarNode s = (Node.ScalarNode) node;
        return switch (s.type()) {
            case NULL -> JSON.nullNode();
            case BOOLEAN -> JSON.booleanNode(isTrue(s.text()));
            case INTEGER -> integerOrText(s.text());
            case FLOAT -> decimal(s.text()) != null ? JSON.numberNode(decimal(s.text())) : JSON.textNode(s.text());
            case STRING -> JSON.textNode(s.text());
        };
    }

    private JsonNode walk(Node node, JavaType type, Problems problems) {
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return toJson(node);
        }
        if (isLeaf(raw)) {
            return leaf(node, raw, problems);
        }
        if (node instanceof Node.ScalarNode s && s.isNull()) {
            return JSON.nullNode();
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (!(node instanceof Node.ListNode list)) {
                problems.add(node, "expected a list");
                return null;
            }
            ArrayNode out = JSON.arrayNode();
            for (Node item : list.items()) {
                out.add(orNull(walk(item, type.getContentType(), problems)));
            }
            return out;
        }
        if (!(node instanceof Node.MapNode map)) {
            problems.add(node, "expected a mapping");
            return null;
        }
        if (type.isMapLikeType()) {
            ObjectNode out = JSON.objectNode();
            map.entries().forEach((k, e) -> out.set(k, orNull(walk(e.value(), type.getContentType(), problems))));
            return out;
        }
        return object(map, type, key -> true, List.of(), problems);
    }

    private ObjectNode object(Node.MapNode map, JavaType type, Predicate<String> own, Collection<String> otherKnown,
                              Problems problems) {
        if (type.isMapLikeType() || type.getRawClass() == Object.class || JsonNode.class.isAssignableFrom(type.getRawClass())) {
            return freeKeys(map, type, own, problems);
        }
        Map<String, BeanPropertyDefinition> props = properties(type);
        ObjectNode out = JSON.objectNode();
        for (Node.Entry e : map.entries().values()) {
            if (!own.test(e.key())) {
                continue;
            }
            BeanPropertyDefinition prop = props.get(e.key());
            if (prop == null) {
                List<String> known = new ArrayList<>(props.keySet());
                known.addAll(otherKnown);
                problems.add(e.keyLocation(), KeyPaths.child(map.path(), e.key()), KeyHints.unknownKey(e.key(), known));
                continue;
            }
            out.set(e.key(), orNull(walk(e.value(), prop.getPrimaryType(), problems)));
        }
        for (BeanPropertyDefinition prop : props.values()) {
            if (prop.isRequired() && own.test(prop.getName()) && isAbsent(map.get(prop.getName()))) {
                problems.add(map.location(), map.path(), "missing required key '" + prop.getName() + "'");
            }
        }
        return out;
    }

    /** A configuration that is a map (or free-form): every key is accepted, values are checked against its content type. */
    private ObjectNode freeKeys(Node.MapNode map, JavaType type, Predicate<String> own, Problems problems) {
        JavaType content = type.isMapLikeType() ? type.getContentType() : type;
        ObjectNode out = JSON.objectNode();
        for (Node.Entry e : map.entries().values()) {
            if (own.test(e.key())) {
                out.set(e.key(), orNull(walk(e.value(), content, problems)));
            }
        }
        return out;
    }

    private static boolean isAbsent(Node node) {
        return node == null || node instanceof Node.ScalarNode s && s.isNull();
    }

    private Map<String, BeanPropertyDefinition> properties(JavaType type) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        Map<String, BeanPropertyDefinition> out = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.couldDeserialize() || p.hasConstructorParameter()) {
                out.put(p.getName(), p);
            }
        }
        return out;
    }

    private static boolean isLeaf(Class<?> raw) {
        return raw.isPrimitive() || raw == String.class || raw == CharSequence.class || raw == Boolean.class
                || Number.class.isAssignableFrom(raw) || raw == Duration.class || raw.isEnum()
                || raw == Path.class || raw == URI.class;
    }

    private JsonNode leaf(Node node, Class<?> raw, Problems problems) {
        if (node instanceof Node.ScalarNode s && s.isNull() && !raw.isPrimitive()) {
            return JSON.nullNode();
        }
        String text = node instanceof Node.ScalarNode s && !s.isNull() ? s.text() : null;
        if (raw == String.class || raw == CharSequence.class || raw == Path.class || raw == URI.class) {
            return text != null ? JSON.textNode(text) : fail(node, "expected a string", problems);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return text != null && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))
                    ? JSON.booleanNode(isTrue(text)) : fail(node, "expected true or false", problems);
        }
        if (raw == Duration.class) {
            return text != null && Durations.parse(text) != null ? JSON.textNode(text)
                    : fail(node, Durations.EXPECTED, problems);
        }
        if (raw.isEnum()) {
            return enumValue(node, text, raw, problems);
        }
        if (isIntegral(raw)) {
            return integral(node, text, raw, problems);
        }
        BigDecimal value = text == null ? null : decimal(text);
        return value != null ? JSON.numberNode(value) : fail(node, "expected a number", problems);
    }

    /** A decimal number, or {@code null}; exponents beyond what BigDecimal holds are not numbers. */
    private static BigDecimal decimal(String text) {
        String plain = text.replace("_", "");
        if (plain.length() > MAX_DIGITS || !DECIMAL.matcher(plain).matches()) {
            return null;
        }
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isIntegral(Class<?> raw) {
        return raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class;
    }

    private static JsonNode integral(Node node, String text, Class<?> raw, Problems problems) {
        String plain = text == null ? null : text.replace("_", "");
        if (plain == null || !INTEGER.matcher(plain).matches()) {
            return fail(node, "expected an integer", problems);
        }
        if (plain.length() > MAX_DIGITS) {
            return fail(node, "integer out of range", problems);
        }
        BigInteger value = new BigInteger(plain);
        long min;
        long max;
        if (raw == int.class || raw == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (raw == short.class || raw == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (raw == byte.class || raw == Byte.class) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else if (raw == BigInteger.class) {
            return JSON.numberNode(value);
        } else {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            return fail(node, "must be between " + min + " and " + max, problems);
        }
        return JSON.numberNode(value.longValue());
    }

    private static JsonNode enumValue(Node node, String text, Class<?> raw, Problems problems) {
        Object[] constants = raw.getEnumConstants();
        if (text != null) {
            for (Object c : constants) {
                if (((Enum<?>) c).name().equalsIgnoreCase(text.trim())) {
                    return JSON.textNode(((Enum<?>) c).name());
                }
            }
        }
        String names = java.util.Arrays.stream(constants)
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return fail(node, "expected one of " + names, problems);
    }

    private static JsonNode fail(Node node, String message, Problems problems) {
        problems.add(node, message);
        return null;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? JSON.nullNode() : node;
    }

    private static boolean isTrue(String text) {
        return Set.of("true", "yes", "y", "on").contains(text.toLowerCase(Locale.ROOT));
    }

    private static JsonNode integerOrText(String text) {
        String plain = text.replace("_", "");
        return plain.length() <= MAX_DIGITS && INTEGER.matcher(plain).matches() ? JSON.numberNode(new BigInteger(plain))
                : JSON.textNode(text);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            message = jpe.getOriginalMessage();
        }
        return "invalid value: " + message;
    }

    /** Reads the policy's duration syntax ({@code 50ms}) when binding. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Duration d = Durations.parse(p.getText());
            if (d == null) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), Durations.EXPECTED);
            }
            return d;
        }
    }
}
