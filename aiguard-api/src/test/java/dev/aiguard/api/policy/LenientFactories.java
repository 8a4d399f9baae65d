package dev.aiguard.api.policy;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.api.StageOutcome;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for stage and sink types other modules provide ({@code crs}, {@code prompt}, {@code slf4j}, {@code file}),
 * so example policies load in this module's tests. Their configuration is a map: any key is accepted and recorded.
 */
final class LenientFactories {

    private LenientFactories() {
    }

    @SuppressWarnings("unchecked")
    private static Class<Map<String, Object>> mapType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }

    /** A stage type that accepts any keys and passes every request. */
    record AnyStage(String type, List<Map<String, Object>> configs) implements StageFactory<Map<String, Object>> {
        AnyStage(String type) {
            this(type, new CopyOnWriteArrayList<>());
        }

        @Override
        public Class<Map<String, Object>> configType() {
            return mapType();
        }

        @Override
        public Stage create(Map<String, Object> config, StageContext context) {
            configs.add(config);
            return exchange -> StageOutcome.pass();
        }
    }

    /** A sink type that accepts any keys and drops events. */
    record AnySink(String type, List<Map<String, Object>> configs) implements EventSinkFactory<Map<String, Object>> {
        AnySink(String type) {
            this(type, new CopyOnWriteArrayList<>());
        }

        @Override
        public Class<Map<String, Object>> configType() {
            return mapType();
        }

        @Override
        public EventSink create(Map<String, Object> config, Path baseDirectory) {
            configs.add(config);
            return event -> { };
        }
    }
}
