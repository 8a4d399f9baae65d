package dev.aiguard.api.internal.events;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class EventSinkFactoriesTest {

    @TempDir
    Path dir;

    /** Problems reported by validate, as "path: message". */
    private static final class Problems implements ConfigProblems {
        final List<String> all = new ArrayList<>();

        @Override
        public void add(String path, String message) {
            all.add(path + ": " + message);
        }
    }

    @Test
    void serviceLoaderFindsTheSlf4jAndFileSinks() {
        List<String> types = new ArrayList<>();
        for (EventSinkFactory<?> factory : ServiceLoader.load(EventSinkFactory.class)) {
            types.add(factory.type());
        }

        assertThat(types).contains("slf4j", "file");
    }

    @Test
    void fileSinkResolvesRelativePathsAgainstThePolicyDirectory() throws Exception {
        FileEventSinkFactory factory = new FileEventSinkFactory();

        try (EventSink sink = factory.create(FileSinkConfig.of("logs/events.jsonl"), dir)) {
            sink.publish(SampleEvents.blocked());
            assertThat(((FileEventSink) sink).flush(Duration.ofSeconds(5))).isTrue();
            assertThat(((FileEventSink) sink).path()).isEqualTo(dir.resolve("logs/events.jsonl"));
        }
        assertThat(Files.readAllLines(dir.resolve("logs/events.jsonl"))).hasSize(1);
    }

    @Test
    void fileSinkConfigDefaultsTheQueueSize() {
        assertThat(FileSinkConfig.of("x").queueSize()).isEqualTo(FileSinkConfig.DEFAULT_QUEUE_SIZE);
        assertThat(new FileEventSinkFactory().configType()).isEqualTo(FileSinkConfig.class);
        assertThat(new Slf4jEventSinkFactory().configType()).isEqualTo(Slf4jSinkConfig.class);
    }

    @Test
    void fileSinkValidationReportsEveryProblemWithItsKey() {
        Problems problems = new Problems();

        new FileEventSinkFactory().validate(new FileSinkConfig(" ", 0), problems);

        assertThat(problems.all).containsExactly("path: must not be empty", "queueSize: must be > 0");
    }

    @Test
    void validFileSinkConfigHasNoProblems() {
        Problems problems = new Problems();

        new FileEventSinkFactory().validate(new FileSinkConfig("events.jsonl", 16), problems);

        assertThat(problems.all).isEmpty();
    }

    @Test
    void slf4jFactoryBuildsASinkWithDefaultsForAMissingConfig() throws Exception {
        try (EventSink sink = new Slf4jEventSinkFactory().create(null, dir)) {
            assertThat(sink).isInstanceOf(Slf4jEventSink.class);
        }
    }
}
