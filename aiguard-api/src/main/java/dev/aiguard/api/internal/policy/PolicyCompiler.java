package dev.aiguard.api.internal.policy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventOptions;
import dev.aiguard.api.EventSinkFactory;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.StageFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns policy documents into a {@link CompiledPolicy}: parse each file, check {@code apiVersion} and stage names
 * file by file, merge, then walk the merged tree against the schema and every factory's configuration type. Every
 * problem is collected; the caller gets either a policy or all of them.
 */
public final class PolicyCompiler {

    /** The only supported {@code apiVersion}. */
    public static final String API_VERSION = "aiguard.dev/v1";

    private final Factories factories;
    private final YamlTreeReader reader;
    private final ConfigBinder binder = new ConfigBinder();
    private final BuiltSinks builtSinks = new BuiltSinks();

    public PolicyCompiler(Factories factories, EnvSubstitution env) {
        this.factories = factories;
        this.reader = new YamlTreeReader(env);
    }

    /**
     * Compiles {@code sources} (merge order).
     *
     * @return the policy, or {@code null} when {@code problems} received errors
     */
    public CompiledPolicy compile(List<PolicySources.Source> sources, List<Path> files, Path baseDirectory,
                                  Problems problems) {
        List<Node.MapNode> documents = new ArrayList<>();
        for (PolicySources.Source source : sources) {
            Node.MapNode doc = reader.read(source.name(), source.text(), problems);
            if (doc != null) {
                checkApiVersion(doc, problems);
                checkStageNames(doc, problems);
                documents.add(doc);
            }
        }
        if (documents.isEmpty()) {
            return null;
        }
        // Files that parsed are checked even when another did not, so one run reports the problems of every file.
        Node.MapNode root = PolicyMerge.merge(documents);
        CompiledPolicy policy = compileRoot(root, files, baseDirectory, problems);
        return problems.isEmpty() ? policy : null;
    }

    private static void checkApiVersion(Node.MapNode doc, Problems problems) {
        Node version = doc.get("apiVersion");
        if (version == null) {
            problems.add(doc.location(), "", "missing required key 'apiVersion' (use apiVersion: " + API_VERSION + ")");
        } else if (!(version instanceof Node.ScalarNode s) || !API_VERSION.equals(s.text())) {
            String shown = version instanceof Node.ScalarNode s ? "'" + s.display() + "'" : version.kind();
            problems.add(version, "unsupported apiVersion " + shown + " (expected " + API_VERSION + ")");
        }
    }

    /** Stage names must be unique within a file; across files, a later stage replaces an earlier one of its name. */
    private static void checkStageNames(Node.MapNode doc, Problems problems) {
        if (!(doc.get("stages") instanceof Node.ListNode stages)) {
            return;
        }
        Map<String, Node> seen = new HashMap<>();
        for (Node stage : stages.items()) {
            String name = PolicyMerge.stageName(stage);
            if (name == null) {
                continue;
            }
            Node.MapNode map = (Node.MapNode) stage;
            Node at = map.get("name") != null ? map.get("name") : map.get("type");
            Node first = seen.putIfAbsent(name, at);
            if (first != null) {
                String hint = map.get("name") == null ? "; give one of them a 'name'" : "";
                problems.add(at, "duplicate stage name '" + name + "' (first at line " + first.location().line() + ")" + hint);
            }
        }
    }

    private CompiledPolicy compileRoot(Node.MapNode root, List<Path> files, Path baseDirectory, Problems problems) {
        JsonNode topTree = binder.checkObject(root, binder.type(Sections.Top.class),
                key -> !Sections.TOP_LISTS.contains(key), Sections.TOP_LISTS, problems);
        Sections.Top top = topTree == null ? null
                : (Sections.Top) binder.bind(topTree, binder.type(Sections.Top.class), root, problems);
        Mode mode = top != null && top.mode() != null ? top.mode() : Mode.ENFORCE;
        int maxBodyBytes = GuardRequest.DEFAULT_MAX_BODY_BYTES;
        if (top != null && top.request() != null && top.request().maxBodyBytes() != null) {
            maxBodyBytes = top.request().maxBodyBytes();
            if (maxBodyBytes < 0) {
                problems.add(KeyPaths.locate(root, "request.maxBodyBytes"), "must be >= 0");
            }
        }
        EventOptions events = EventOptions.DEFAULTS;
        List<CompiledPolicy.SinkPlan> sinks = new ArrayList<>();
        Node eventsNode = root.get("events");
        if (eventsNode instanceof Node.MapNode eventsMap) {
            events = events(eventsMap, problems);
            if (eventsMap.get("sinks") != null) {
                sinks = sinks(eventsMap.get("sinks"), problems);
            }
        } else if (eventsNode != null && !isNull(eventsNode)) {
            problems.add(eventsNode, "expected a mapping");
        }
        List<CompiledPolicy.StagePlan> stages = new ArrayList<>();
        Node stagesNode = root.get("stages");
        if (stagesNode instanceof Node.ListNode list) {
            for (Node stage : list.items()) {
                CompiledPolicy.StagePlan plan = stage(stage, problems);
                if (plan != null) {
                    stages.add(plan);
                }
            }
        } else if (stagesNode != null && !isNull(stagesNode)) {
            problems.add(stagesNode, "expected a list");
        }
        JsonNode egress = top == null || top.egress() == null || top.egress().isNull() ? null : top.egress();
        return new CompiledPolicy(PolicyDigest.of(root), mode, maxBodyBytes, events, stages, sinks, files, baseDirectory,
                builtSinks, egress == null ? java.util.Map.of() : java.util.Map.of("egress", egress));
    }

    private EventOptions events(Node.MapNode map, Problems problems) {
        JavaType type = binder.type(Sections.Events.class);
        JsonNode tree = binder.checkObject(map, type, key -> !key.equals("sinks"), List.of("sinks"), problems);
        Sections.Events e = tree == null ? null : (Sections.Events) binder.bind(tree, type, map, problems);
        if (e == null) {
            return EventOptions.DEFAULTS;
        }
        double sample = e.sampleAllowed() != null ? e.sampleAllowed() : EventOptions.DEFAULTS.sampleAllowed();
        int excerpt = e.excerptLength() != null ? e.excerptLength() : EventOptions.DEFAULTS.excerptLength();
        boolean prompts = e.logPrompts() != null ? e.logPrompts() : EventOptions.DEFAULTS.logPrompts();
        boolean ok = true;
        if (!(sample >= 0.0 && sample <= 1.0)) {
            problems.add(map.get("sampleAllowed"), "must be between 0 and 1");
            ok = false;
        }
        if (excerpt < 0) {
            problems.add(map.get("excerptLength"), "must be >= 0");
            ok = false;
        }
        return ok ? new EventOptions(sample, excerpt, prompts) : EventOptions.DEFAULTS;
    }

    private List<CompiledPolicy.SinkPlan> sinks(Node node, Problems problems) {
        List<CompiledPolicy.SinkPlan> out = new ArrayList<>();
        if (!(node instanceof Node.ListNode list)) {
            problems.add(node, "expected a list");
            return out;
        }
        for (Node item : list.items()) {
            if (!(item instanceof Node.MapNode map)) {
                problems.add(item, "expected a mapping with a 'type'");
                continue;
            }
            JavaType common = binder.type(Sections.SinkCommon.class);
            if (binder.checkObject(map, common, Sections.SINK_KEYS::contains, List.of(), problems) == null) {
                continue;
            }
            Node.ScalarNode typeNode = (Node.ScalarNode) map.get("type");
            EventSinkFactory<?> factory = factories.sinks().get(typeNode.text());
            if (factory == null) {
                problems.add(typeNode, "unknown sink type '" + typeNode.display() + "' (" + known(factories.sinks().keySet()) + ")");
                continue;
            }
            Object config = bindConfigSafely(map, factory.configType(), Sections.SINK_KEYS, problems);
            if (config != null && validate(map, problems, p -> validateSink(factory, config, p))) {
                out.add(new CompiledPolicy.SinkPlan(config, factory, map));
            }
        }
        return out;
    }

    private CompiledPolicy.StagePlan stage(Node node, Problems problems) {
        if (!(node instanceof Node.MapNode map)) {
            problems.add(node, "expected a mapping with a 'type'");
            return null;
        }
        JavaType commonType = binder.type(Sections.StageCommon.class);
        JsonNode commonTree = binder.checkObject(map, commonType, Sections.STAGE_KEYS::contains, List.of(), problems);
        Sections.StageCommon common = commonTree == null ? null
                : (Sections.StageCommon) binder.bind(commonTree, commonType, map, problems);
        StageFactory<?> factory = null;
        if (map.get("type") instanceof Node.ScalarNode typeNode && !typeNode.isNull()) {
            factory = factories.stages().get(typeNode.text());
            if (factory == null) {
                problems.add(typeNode, "unknown stage type '" + typeNode.display() + "' (" + known(factories.stages().keySet()) + ")");
            }
        }
        if (common != null) {
            checkCommon(map, common, problems);
        }
        if (factory == null) {
            return null;
        }
        Object config = bindConfigSafely(map, factory.configType(), Sections.STAGE_KEYS, problems);
        StageFactory<?> f = factory;
        if (config == null || common == null || !validate(map, problems, p -> validateStage(f, config, p))) {
            return null;
        }
        String name = common.name() != null ? common.name() : common.type();
        Policy.StageSpec spec = new Policy.StageSpec(name, common.type(), common.mode(),
                common.budget() != null ? common.budget() : ConfiguredStage.DEFAULT_BUDGET,
                common.failOpen() != null && common.failOpen(), common.rules() != null ? common.rules() : Map.of(), config);
        return new CompiledPolicy.StagePlan(spec, factory, map);
    }

    private static void checkCommon(Node.MapNode map, Sections.StageCommon common, Problems problems) {
        if (common.budget() != null && (common.budget().isZero() || common.budget().isNegative())) {
            problems.add(map.get("budget"), "must be > 0");
        }
        if (common.name() != null && common.name().isBlank()) {
            problems.add(map.get("name"), "must not be empty");
        }
        if (common.rules() != null && common.rules().containsValue(null)) {
            Node.MapNode rules = (Node.MapNode) map.get("rules");
            rules.entries().values().stream().filter(e -> isNull(e.value()))
                    .forEach(e -> problems.add(e.value(), "expected one of enforce, monitor, off"));
        }
    }

    /**
     * {@link #bindConfig}, turning a configuration type Jackson cannot introspect (a factory's programming error) into
     * a located problem instead of an exception.
     */
    private Object bindConfigSafely(Node.MapNode map, Class<?> configType, List<String> commonKeys, Problems problems) {
        try {
            return bindConfig(map, configType, commonKeys, problems);
        } catch (RuntimeException e) {
            problems.add(map, "cannot check settings of type " + configType.getName() + ": " + e.getMessage());
            return null;
        }
    }

    /** Checks and binds a factory's own keys of {@code map} (the keys other than {@code commonKeys}). */
    private Object bindConfig(Node.MapNode map, Class<?> configType, List<String> commonKeys, Problems problems) {
        JavaType type = binder.type(configType);
        JsonNode tree = binder.checkObject(map, type, key -> !commonKeys.contains(key), commonKeys, problems);
        return tree == null ? null : binder.bind(tree, type, map, problems);
    }

    /** Runs a factory's validate, mapping its relative paths to locations under {@code map}; true when it found nothing. */
    private static boolean validate(Node.MapNode map, Problems problems, java.util.function.Consumer<ConfigProblems> check) {
        int before = problems.size();
        ConfigProblems adapter = (path, message) -> {
            String relative = path == null ? "" : path;
            Node at = KeyPaths.locate(map, relative);
            problems.add(at.location(), KeyPaths.join(map.path(), relative), message);
        };
        try {
            check.accept(adapter);
        } catch (RuntimeException e) {
            problems.add(map, "validation failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return problems.size() == before;
    }

    @SuppressWarnings("unchecked")
    private static <C> void validateStage(StageFactory<C> factory, Object config, ConfigProblems problems) {
        factory.validate((C) config, problems);
    }

    @SuppressWarnings("unchecked")
    private static <C> void validateSink(EventSinkFactory<C> factory, Object config, ConfigProblems problems) {
        factory.validate((C) config, problems);
    }

    private static String known(java.util.Set<String> types) {
        return types.isEmpty() ? "none are installed" : "known: " + String.join(", ", types);
    }

    private static boolean isNull(Node node) {
        return node instanceof Node.ScalarNode s && s.isNull();
    }
}
