package dev.aiguard.api.policy;

import dev.aiguard.api.PolicyLoader;

import java.util.Map;

/** Loaders for tests. */
final class TestLoaders {

    private TestLoaders() {
    }

    /**
     * A loader that knows exactly the test factories ({@code limits}, {@code stamp}; sink {@code memory}), whatever
     * else is on the class path, so messages listing known types stay exact.
     */
    static PolicyLoader isolated(Map<String, String> env, MemorySinkFactory sinks) {
        return PolicyLoader.builder()
                .classLoader(new ClassLoader(null) {
                })
                .stageFactory(new StampStageFactory())
                .stageFactory(new LimitsStageFactory())
                .sinkFactory(sinks)
                .environment(env)
                .build();
    }

    static PolicyLoader isolated(Map<String, String> env) {
        return isolated(env, new MemorySinkFactory());
    }
}
