package dev.aiguard.api.internal.events;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Appends events as OCSF JSON Lines to a file. {@link #publish} never blocks and never does I/O: it puts the event on
 * a bounded queue that one writer thread drains; when the queue is full the event is dropped and counted
 * ({@link #dropped()}), because a slow disk must not slow down requests. {@link #flush} waits until everything
 * published before it is on disk; {@link #close} drains the queue, then closes the file.
 */
public final class FileEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(FileEventSink.class);
    private static final int BATCH = 256;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Path path;
    private final BlockingQueue<SecurityEvent> queue;
    private final Function<SecurityEvent, String> serializer;
    private final Writer out;
    private final Thread writer;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failureReports = new AtomicLong();
    private final Object progress = new Object();
    /** Events the writer has dealt with (written or failed); guarded by {@code progress}. */
    private long processed;
    private long written;
    private long failed;
    private boolean finished;
    private volatile boolean closed;

    /**
     * Opens (creating it and its directories if needed) {@code path} for appending and starts the writer thread.
     *
     * @param queueSize how many events may wait; must be > 0
     */
    public FileEventSink(Path path, int queueSize, OcsfEventMapper mapper) throws IOException {
        this(path, queueSize, mapper::toJson);
    }

    /** With any serializer (tests use a slow one to fill the queue). */
    FileEventSink(Path path, int queueSize, Function<SecurityEvent, String> serializer) throws IOException {
        if (queueSize <= 0) {
            throw new IllegalArgumentException("queueSize must be > 0");
        }
        this.path = path;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.serializer = serializer;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.writer = new Thread(this::run, "aiguard-events-file-" + path.getFileName());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void publish(SecurityEvent event) {
        if (closed || !queue.offer(event)) {
            dropped.increment();
            return;
        }
        accepted.incrementAndGet();
    }

    /**
     * Waits until every event published before this call has been written and flushed to the file.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (processed < target && !finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return processed >= target;
        }
    }

    /** Drains the queue (waiting up to 10 s), then closes the file. Events published afterwards are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("AIGuard event file {}: writer did not drain within {}; dropping the rest", path, CLOSE_TIMEOUT);
            writer.interrupt();
        }
        // Whatever the writer did not take (it stopped, or an event raced with close) is dropped, and counted.
        dropped.add(queue.size());
        queue.clear();
    }

    /** Events dropped because the queue was full or the sink closed. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events written to the file. */
    public long written() {
        synchronized (progress) {
            return written;
        }
    }

    /** Events that could not be written (I/O error). */
    public long failed() {
        synchronized (progress) {
            return failed;
        }
    }

    /** The file events go to. */
    public Path path() {
        return path;
    }

    private void run() {
        List<SecurityEvent> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                SecurityEvent first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeBatch(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("AIGuard event file {}: close failed", path, e);
            }
            synchronized (progress) {
                finished = true;
                progress.notifyAll();
            }
        }
    }

    private void writeBatch(List<SecurityEvent> batch) {
        int ok = 0;
        int bad = 0;
        for (SecurityEvent event : batch) {
            try {
                out.write(serializer.apply(event));
                out.write('\n');
                ok++;
            } catch (IOException | RuntimeException e) {
                bad++;
                reportFailure(e);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            // Unflushed lines may or may not have reached the file; count them as failed rather than claim success.
            bad += ok;
            ok = 0;
            reportFailure(e);
        }
        synchronized (progress) {
            written += ok;
            failed += bad;
            processed += ok + bad;
            progress.notifyAll();
        }
    }

    private void reportFailure(Exception e) {
        long count = failureReports.incrementAndGet();
        // The first failure with its stack, then one line per thousand: a full disk must not flood the log.
        if (count == 1) {
            LOG.warn("AIGuard event file {}: write failed", path, e);
        } else if (count % 1000 == 0) {
            LOG.warn("AIGuard event file {}: {} write failures so far ({})", path, count, e.getClass().getName());
        }
    }
}
