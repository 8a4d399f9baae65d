package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.GuardObserver;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The flow log: per identity and time window, how many requests were allowed, blocked (and why) or would have been
 * blocked, and the tokens reserved, charged and refunded, written as one JSON line per identity when the window ends.
 * It answers "who spends the GPU" and "who is being blocked" without one line per request.
 *
 * <p>It observes every completed exchange ({@link GuardObserver#completed}); security events are not needed. Requests
 * are counted in the window in which they complete, by the sink's {@link Clock}. Memory is bounded: per window, the
 * first {@code maxIdentities} identities are counted on their own and the rest as {@code other}; finished windows
 * wait for the writer in a queue of at most {@value #MAX_PENDING} (older ones are dropped, and logged, if the disk
 * stalls). Anonymous callers are told apart by client address.
 *
 * <p>Request threads only add to counters under a short lock; a daemon thread (or {@link #flush()}) rolls windows
 * that are due and writes them.
 */
public final class FlowLogSink implements EventSink, GuardObserver {

    static final int MAX_PENDING = 16;
    private static final Logger LOG = LoggerFactory.getLogger(FlowLogSink.class);

    private final Path path;
    private final Clock clock;
    private final long windowMillis;
    private final int topN;
    private final int maxIdentities;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final Object writeLock = new Object();
    private final Deque<FlowWindow> pending = new ArrayDeque<>();
    private final Writer out;
    private final ScheduledExecutorService ticker;
    private FlowWindow current;
    private long droppedWindows;
    private boolean closed;

    /**
     * Opens {@code path} for appending (creating it and its directories).
     *
     * @param background whether a daemon thread flushes due windows every second; without it, call {@link #flush()}
     */
    public FlowLogSink(Path path, FlowLogConfig config, Clock clock, boolean background) throws IOException {
        this.path = path;
        this.clock = clock;
        this.windowMillis = config.window().toMillis();
        this.topN = config.topN();
        this.maxIdentities = config.maxIdentities();
        if (windowMillis <= 0 || topN < 0 || maxIdentities <= 0) {
            throw new IllegalArgumentException("window must be >= 1ms, topN >= 0, maxIdentities > 0");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (background) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aiguard-flowlog-" + path.getFileName());
                t.setDaemon(true);
                return t;
            });
            long tick = Math.min(1000, windowMillis);
            ticker.scheduleWithFixedDelay(this::flushQuietly, tick, tick, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** Flow logs summarise requests; security events add nothing they do not already count. */
    @Override
    public void publish(SecurityEvent event) {
    }

    @Override
    public void completed(Exchange exchange, ResponseInfo response) {
        Verdict verdict = exchange.verdict();
        if (verdict == null) {
            return;
        }
        Principal p = exchange.principal();
        String client = p.isAnonymous() ? address(exchange.request().remoteAddress()) : null;
        Instant now = clock.instant();
        long reserved = exchange.cost(Exchange.TOKENS_RESERVED);
        long charged = exchange.cost(Exchange.TOKENS_CHARGED);
        long refunded = exchange.cost(Exchange.TOKENS_REFUNDED);
        Usage usage = response.usage();
        synchronized (lock) {
            if (closed) {
                return;
            }
            FlowStats s = windowAt(now).stats(p.tenant(), p.subject(), client);
            s.requests++;
            if (verdict.blocked()) {
                s.blocked++;
                s.addReason(verdict.reason());
            } else {
                s.allowed++;
                if (verdict.wouldBlock()) {
                    s.wouldBlock++;
                }
            }
            s.tokensReserved += reserved;
            s.tokensCharged += charged;
            s.tokensRefunded += refunded;
            s.inputTokens += Math.max(0, usage.inputTokens());
            s.outputTokens += Math.max(0, usage.outputTokens());
        }
    }

    /** The window {@code now} falls in, queueing the current one if it has ended. Caller holds {@code lock}. */
    private FlowWindow windowAt(Instant now) {
        if (current != null && !now.isBefore(current.end())) {
            finish(current);
            current = null;
        }
        if (current == null) {
            long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
            current = new FlowWindow(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + windowMillis),
                    maxIdentities);
        }
        return current;
    }

    private void finish(FlowWindow window) {
        if (window.isEmpty()) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            pending.removeFirst();
            droppedWindows++;
            LOG.warn("AIGuard flow log {}: writer behind, dropped a window ({} so far)", path, droppedWindows);
        }
        pending.addLast(window);
    }

    /** Ends the current window if the clock has passed its end, and writes every finished window. */
    public void flush() throws IOException {
        synchronized (lock) {
            if (current != null && !clock.instant().isBefore(current.end())) {
                finish(current);
                current = null;
            }
        }
        writePending();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.warn("AIGuard flow log {}: write failed ({})", path, e.toString());
        }
    }

    private void writePending() throws IOException {
        synchronized (writeLock) {
            while (true) {
                FlowWindow window;
                List<FlowStats> rows;
                synchronized (lock) {
                    window = pending.pollFirst();
                    if (window == null) {
                        break;
                    }
                    rows = window.summary(topN);
                }
                for (FlowStats row : rows) {
                    out.write(toJson(window, row));
                    out.write('\n');
                }
            }
            out.flush();
        }
    }

    private String toJson(FlowWindow window, FlowStats s) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("window_start", window.start().toString());
        n.put("window_end", window.end().toString());
        if (s.tenant != null) {
            n.put("tenant", s.tenant);
        }
        n.put("subject", s.subject);
        if (s.client != null) {
            n.put("client", s.client);
        }
        n.put("requests", s.requests);
        n.put("allowed", s.allowed);
        n.put("would_block", s.wouldBlock);
        n.put("blocked", s.blocked);
        ObjectNode reasons = n.putObject("block_reasons");
        s.reasons.forEach(reasons::put);
        ObjectNode tokens = n.putObject("tokens");
        tokens.put("reserved", s.tokensReserved);
        tokens.put("charged", s.tokensCharged);
        tokens.put("refunded", s.tokensRefunded);
        ObjectNode model = n.putObject("model_tokens");
        model.put("input", s.inputTokens);
        model.put("output", s.outputTokens);
        return json.writeValueAsString(n);
    }

    private static String address(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /** Windows dropped because the writer fell behind. */
    public long droppedWindows() {
        synchronized (lock) {
            return droppedWindows;
        }
    }

    /** Writes the current (unfinished) window and every queued one, then closes the file. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null) {
                finish(current);
                current = null;
            }
        }
        try {
            writePending();
        } catch (IOException e) {
            LOG.warn("AIGuard flow log {}: final write failed ({})", path, e.toString());
        }
        try {
            synchronized (writeLock) {
                out.close();
            }
        } catch (IOException e) {
            LOG.warn("AIGuard flow log {}: close failed ({})", path, e.toString());
        }
    }
}
