package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileEventSinkTest {

    @TempDir
    Path dir;

    private final OcsfEventMapper mapper = new OcsfEventMapper();
    private final ObjectMapper json = new ObjectMapper();

    private List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void writesOneOcsfJsonObjectPerLine() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (FileEventSink sink = new FileEventSink(file, 16, mapper)) {
            sink.publish(SampleEvents.blocked());
            sink.publish(SampleEvents.stageFailure(0));
            assertThat(sink.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(sink.written()).isEqualTo(2);
        }

        List<String> lines = lines(file);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            OcsfRequiredFields.assertValid(json.readTree(line));
        }
        assertThat(json.readTree(lines.get(0)).get("class_uid").asInt()).isEqualTo(4002);
        assertThat(json.readTree(lines.get(1)).get("class_uid").asInt()).isEqualTo(2004);
    }

    @Test
    void createsMissingDirectoriesAndAppendsAcrossSinks() throws Exception {
        Path file = dir.resolve("a/b/events.jsonl");
        try (FileEventSink first = new FileEventSink(file, 4, mapper)) {
            first.publish(SampleEvents.blocked());
        }
        try (FileEventSink second = new FileEventSink(file, 4, mapper)) {
            second.publish(SampleEvents.blocked());
        }

        assertThat(lines(file)).hasSize(2);
    }

    @Test
    void closeDrainsEverythingQueued() throws Exception {
        Path file = dir.resolve("drain.jsonl");
        FileEventSink sink = new FileEventSink(file, 5000, mapper);
        for (int i = 0; i < 3000; i++) {
            sink.publish(SampleEvents.blocked());
        }

        sink.close();

        assertThat(sink.dropped()).isZero();
        assertThat(sink.written()).isEqualTo(3000);
        assertThat(lines(file)).hasSize(3000);
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<SecurityEvent, String> slow = event -> {
            writerBusy.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return mapper.toJson(event);
        };
        Path file = dir.resolve("full.jsonl");
        try (FileEventSink sink = new FileEventSink(file, 2, slow)) {
            sink.publish(SampleEvents.blocked());
            assertThat(writerBusy.await(5, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                sink.publish(SampleEvents.blocked());
            }
            long publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(publishMillis).isLessThan(1000);
            assertThat(sink.dropped()).isEqualTo(3);
            release.countDown();
            assertThat(sink.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(sink.written()).isEqualTo(3);
        }
        assertThat(lines(file)).hasSize(3);
    }

    @Test
    void eventsPublishedAfterCloseAreDroppedAndCounted() throws Exception {
        Path file = dir.resolve("closed.jsonl");
        FileEventSink sink = new FileEventSink(file, 4, mapper);
        sink.close();

        sink.publish(SampleEvents.blocked());
        sink.close();

        assertThat(sink.dropped()).isEqualTo(1);
        assertThat(lines(file)).isEmpty();
    }

    @Test
    void serializationFailureIsCountedAndDoesNotStopTheWriter() throws Exception {
        Path file = dir.resolve("fail.jsonl");
        SecurityEvent poison = SampleEvents.stageFailure(0);
        Function<SecurityEvent, String> picky = event -> {
            if (event == poison) {
                throw new IllegalStateException("cannot serialise");
            }
            return mapper.toJson(event);
        };
        try (FileEventSink sink = new FileEventSink(file, 8, picky)) {
            sink.publish(SampleEvents.blocked());
            sink.publish(poison);
            sink.publish(SampleEvents.blocked());
            assertThat(sink.flush(Duration.ofSeconds(5))).isTrue();

            assertThat(sink.failed()).isEqualTo(1);
            assertThat(sink.written()).isEqualTo(2);
        }
        assertThat(lines(file)).hasSize(2);
    }

    @Test
    void concurrentPublishersLoseNothingThatWasNotCountedAsDropped() throws Exception {
        Path file = dir.resolve("concurrent.jsonl");
        FileEventSink sink = new FileEventSink(file, 64, mapper);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    sink.publish(SampleEvents.blocked());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        sink.close();

        List<String> lines = lines(file);
        assertThat(sink.written() + sink.dropped()).isEqualTo(2000);
        assertThat(lines).hasSize((int) sink.written());
        for (String line : lines.subList(0, Math.min(20, lines.size()))) {
            JsonNode node = json.readTree(line);
            assertThat(node.get("class_uid").asInt()).isEqualTo(4002);
        }
    }

    @Test
    void rejectsANonPositiveQueueSize() {
        assertThatThrownBy(() -> new FileEventSink(dir.resolve("x"), 0, mapper))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueSize must be > 0");
    }
}
