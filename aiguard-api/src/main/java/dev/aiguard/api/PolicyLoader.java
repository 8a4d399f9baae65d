package dev.aiguard.api;

import dev.aiguard.api.internal.policy.CompiledPolicy;
import dev.aiguard.api.internal.policy.EnvSubstitution;
import dev.aiguard.api.internal.policy.Factories;
import dev.aiguard.api.internal.policy.PolicyCompiler;
import dev.aiguard.api.internal.policy.PolicySources;
import dev.aiguard.api.internal.policy.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads YAML policies (format in {@code docs/policy.md}): one file, or a directory of {@code *.yaml}/{@code *.yml}
 * files merged in file-name order. Validation reports every problem at once, each located as
 * {@code file:line:column: path: message}.
 *
 * <pre>{@code
 * PolicyLoader loader = PolicyLoader.create();
 * Guard guard = Guard.create(loader.load(Path.of("policy.yaml")).toGuardConfig());
 * try (PolicyWatcher watcher = PolicyWatcher.builder(loader, Path.of("policy.yaml"), guard).start()) { ... }
 * }</pre>
 *
 * <p>A loader is immutable and thread-safe. Stage and sink factories are found with {@link java.util.ServiceLoader}
 * when the loader is built.
 */
public final class PolicyLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoader.class);

    /** The only supported {@code apiVersion}. */
    public static final String API_VERSION = PolicyCompiler.API_VERSION;
    /** Default limit on the size of one policy file. */
    public static final int DEFAULT_MAX_FILE_BYTES = 1 << 20;

    private final Factories factories;
    private final PolicyCompiler compiler;
    private final int maxFileBytes;

    private PolicyLoader(Builder b) {
        this.factories = Factories.discover(b.classLoader, b.stageFactories, b.sinkFactories);
        this.compiler = new PolicyCompiler(factories, new EnvSubstitution(b.environment));
        this.maxFileBytes = b.maxFileBytes;
    }

    /** A loader with the process environment and the factories visible to the thread's context class loader. */
    public static PolicyLoader create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads and validates the policy at {@code path} (a file or a directory).
     *
     * @throws PolicyException with every problem found
     */
    public Policy load(Path path) throws PolicyException {
        Problems problems = new Problems();
        PolicySources.Read read = PolicySources.read(path, maxFileBytes, problems);
        return compile(read.sources(), read.files(), read.baseDirectory(), problems);
    }

    /**
     * Loads and validates a policy given as text; {@code name} stands for the file in errors. Relative paths in it
     * resolve against the working directory.
     *
     * @throws PolicyException with every problem found
     */
    public Policy load(String name, String yaml) throws PolicyException {
        Problems problems = new Problems();
        if (yaml.length() > maxFileBytes) {
            throw new PolicyException(List.of(new PolicyError(name, 0, 0, "", "file is larger than " + maxFileBytes + " bytes")));
        }
        return compile(List.of(new PolicySources.Source(name, yaml)), List.of(), Path.of("").toAbsolutePath(), problems);
    }

    /** Validates the policy at {@code path} without building anything; empty when it is valid. */
    public List<PolicyError> check(Path path) {
        try {
            load(path);
            return List.of();
        } catch (PolicyException e) {
            return e.errors();
        }
    }

    /** Validates a policy given as text; empty when it is valid. */
    public List<PolicyError> check(String name, String yaml) {
        try {
            load(name, yaml);
            return List.of();
        } catch (PolicyException e) {
            return e.errors();
        }
    }

    /** The stage types this loader knows, sorted. */
    public Set<String> stageTypes() {
        return factories.stages().keySet();
    }

    /** The event sink types this loader knows, sorted. */
    public Set<String> sinkTypes() {
        return factories.sinks().keySet();
    }

    private Policy compile(List<PolicySources.Source> sources, List<Path> files, Path base, Problems problems)
            throws PolicyException {
        CompiledPolicy policy;
        try {
            policy = sources.isEmpty() ? null : compiler.compile(sources, files, base, problems);
        } catch (RuntimeException e) {
            // A defect in the loader or a factory's configuration type: still an answer, never a crash of the caller.
            LOG.warn("AIGuard policy loading failed unexpectedly", e);
            throw new PolicyException(List.of(new PolicyError(sources.get(0).name(), 0, 0, "",
                    "internal error while loading the policy: " + e)));
        }
        if (policy == null || !problems.isEmpty()) {
            throw new PolicyException(problems.sorted());
        }
        return policy;
    }

    /** Configures a {@link PolicyLoader}. */
    public static final class Builder {
        private Function<String, String> environment = System::getenv;
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private final List<StageFactory<?>> stageFactories = new ArrayList<>();
        private final List<EventSinkFactory<?>> sinkFactories = new ArrayList<>();
        private int maxFileBytes = DEFAULT_MAX_FILE_BYTES;

        private Builder() {
        }

        /** Where {@code ${NAME}} references are looked up (default: the process environment). */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** A fixed environment, for tests and tools. */
        public Builder environment(Map<String, String> environment) {
            Map<String, String> copy = Map.copyOf(environment);
            return environment(copy::get);
        }

        /** The class loader searched for factories (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Adds a stage factory; it wins over a discovered one of the same type. */
        public Builder stageFactory(StageFactory<?> factory) {
            stageFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Adds an event sink factory; it wins over a discovered one of the same type. */
        public Builder sinkFactory(EventSinkFactory<?> factory) {
            sinkFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Largest policy file accepted, in bytes (default 1 MiB). */
        public Builder maxFileBytes(int maxFileBytes) {
            if (maxFileBytes <= 0) {
                throw new IllegalArgumentException("maxFileBytes must be > 0");
            }
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        public PolicyLoader build() {
            return new PolicyLoader(this);
        }
    }
}
