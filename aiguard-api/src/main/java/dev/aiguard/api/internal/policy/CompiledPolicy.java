package dev.aiguard.api.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventOptions;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated policy with what it takes to build it: the factories and where each stage and sink was written. */
public final class CompiledPolicy implements Policy {

    /**
     * A stage ready to build.
     *
     * @param spec    what the policy says
     * @param factory its factory
     * @param at      the stage's node, for errors from {@code create}
     */
    record StagePlan(StageSpec spec, StageFactory<?> factory, Node at) {
    }

    /**
     * A sink ready to build.
     *
     * @param config  its bound configuration
     * @param factory its factory
     * @param at      the sink's node
     */
    record SinkPlan(Object config, EventSinkFactory<?> factory, Node at) {
    }

    private final String version;
    private final Mode mode;
    private final int maxBodyBytes;
    private final EventOptions events;
    private final List<StagePlan> stages;
    private final List<SinkPlan> sinks;
    private final List<Path> sources;
    private final Path baseDirectory;
    private final BuiltSinks builtSinks;
    private final Map<String, JsonNode> sections;

    CompiledPolicy(String version, Mode mode, int maxBodyBytes, EventOptions events, List<StagePlan> stages,
                   List<SinkPlan> sinks, List<Path> sources, Path baseDirectory, BuiltSinks builtSinks,
                   Map<String, JsonNode> sections) {
        this.builtSinks = builtSinks;
        this.sections = Map.copyOf(sections);
        this.version = version;
        this.mode = mode;
        this.maxBodyBytes = maxBodyBytes;
        this.events = events;
        this.stages = List.copyOf(stages);
        this.sinks = List.copyOf(sinks);
        this.sources = List.copyOf(sources);
        this.baseDirectory = baseDirectory;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public EventOptions events() {
        return events;
    }

    @Override
    public List<StageSpec> stages() {
        return stages.stream().map(StagePlan::spec).toList();
    }

    @Override
    public List<Path> sources() {
        return sources;
    }

    @Override
    public Optional<JsonNode> section(String name) {
        return Optional.ofNullable(sections.get(name)).map(JsonNode::deepCopy);
    }

    @Override
    public GuardConfig toGuardConfig() throws PolicyException {
        return toGuardConfig(List.of());
    }

    /**
     * Builds the configuration, reusing sinks among {@code running} that this loader built from an equal sink
     * configuration (a reload keeps its event files open rather than opening them twice).
     */
    public GuardConfig toGuardConfig(List<EventSink> running) throws PolicyException {
        Problems problems = new Problems();
        List<EventSink> sinksOut = new ArrayList<>();
        List<EventSink> created = new ArrayList<>();
        for (SinkPlan plan : sinks) {
            BuiltSinks.Key key = new BuiltSinks.Key(plan.factory().type(), plan.config(), baseDirectory);
            EventSink reused = builtSinks.find(key, running, sinksOut);
            if (reused != null) {
                sinksOut.add(reused);
                continue;
            }
            try {
                EventSink sink = createSink(plan.factory(), plan.config());
                builtSinks.record(sink, key);
                created.add(sink);
                sinksOut.add(sink);
            } catch (Exception e) {
                problems.add(plan.at(), "cannot create sink '" + plan.factory().type() + "': " + describe(e));
            }
        }
        GuardConfig.Builder config = GuardConfig.builder().version(version).mode(mode).maxBodyBytes(maxBodyBytes)
                .events(events);
        for (StagePlan plan : stages) {
            addStage(config, plan, problems);
        }
        if (!problems.isEmpty()) {
            created.forEach(CompiledPolicy::closeQuietly);
            throw new PolicyException(problems.sorted());
        }
        sinksOut.forEach(config::sink);
        return config.build();
    }

    private void addStage(GuardConfig.Builder config, StagePlan plan, Problems problems) {
        StageSpec spec = plan.spec();
        Mode effective = spec.mode() != null ? spec.mode() : mode;
        StageContext context = new StageContext(spec.name(), effective, spec.rules(), baseDirectory, version);
        try {
            Stage stage = createStage(plan.factory(), spec.config(), context);
            if (stage == null) {
                throw new IllegalStateException("factory returned no stage");
            }
            config.stage(new ConfiguredStage(spec.name(), spec.type(), stage, spec.mode(), spec.budget(),
                    spec.failOpen(), spec.rules()));
        } catch (Exception e) {
            problems.add(plan.at(), "cannot create stage '" + spec.name() + "': " + describe(e));
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> Stage createStage(StageFactory<C> factory, Object config, StageContext context) throws Exception {
        return factory.create((C) config, context);
    }

    @SuppressWarnings("unchecked")
    private <C> EventSink createSink(EventSinkFactory<C> factory, Object config) throws Exception {
        EventSink sink = factory.create((C) config, baseDirectory);
        if (sink == null) {
            throw new IllegalStateException("factory returned no sink");
        }
        return sink;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(EventSink sink) {
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // The sink is discarded with the failed build; nothing more can be done with its error.
        }
    }

    @Override
    public String toString() {
        return "Policy[" + version + ", " + stages.size() + " stages]";
    }
}
