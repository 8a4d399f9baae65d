package dev.aiguard.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.internal.Redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Runs recorded requests through a guard and writes one JSON line per request, in input order. Lines are processed in
 * bounded batches, so memory does not grow with the file.
 */
public final class Replayer {

    private static final int BATCH = 2048;
    private static final int EXCERPT = 64;

    private final Guard guard;
    private final int threads;
    private final boolean timing;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param threads worker threads (1 runs on the caller's thread)
     * @param timing  whether to write each request's {@code usec}; off gives byte-identical output across runs
     */
    public Replayer(Guard guard, int threads, boolean timing) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        this.guard = guard;
        this.threads = threads;
        this.timing = timing;
    }

    /**
     * Replays every line of {@code in}, writing results to {@code out}.
     *
     * @param progress called with the number of requests done so far, after each batch
     */
    public ReplayResult replay(BufferedReader in, Writer out, LongConsumer progress) throws IOException {
        return replay(in, out, progress, result -> { });
    }

    /**
     * Replays every line of {@code in}, writing results to {@code out} and handing each result line, in input order
     * and on the caller's thread, to {@code results} (e.g. a {@link ReferenceComparison}).
     *
     * @param progress called with the number of requests done so far, after each batch
     */
    public ReplayResult replay(BufferedReader in, Writer out, LongConsumer progress, Consumer<JsonNode> results)
            throws IOException {
        long start = System.nanoTime();
        long[] totals = new long[4];
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        try {
            List<String> batch = new ArrayList<>(BATCH);
            long lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                batch.add(lineNo + "\t" + line);
                if (batch.size() == BATCH) {
                    runBatch(batch, pool, out, totals, results);
                    progress.accept(totals[0]);
                    batch.clear();
                }
            }
            runBatch(batch, pool, out, totals, results);
            progress.accept(totals[0]);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        out.flush();
        return new ReplayResult(totals[0], totals[1], totals[2], totals[3], System.nanoTime() - start);
    }

    private void runBatch(List<String> batch, ExecutorService pool, Writer out, long[] totals,
                          Consumer<JsonNode> listener) throws IOException {
        List<ObjectNode> results = new ArrayList<>(batch.size());
        if (pool == null) {
            for (String line : batch) {
                results.add(replayLine(line));
            }
        } else {
            List<Future<ObjectNode>> futures = new ArrayList<>(batch.size());
            for (String line : batch) {
                futures.add(pool.submit(() -> replayLine(line)));
            }
            for (Future<ObjectNode> f : futures) {
                results.add(await(f));
            }
        }
        for (ObjectNode result : results) {
            totals[0]++;
            if (result.has("error")) {
                totals[3]++;
            } else if (result.get("blocked").asBoolean()) {
                totals[1]++;
            } else if (result.get("wouldBlock").asBoolean()) {
                totals[2]++;
            }
            out.write(json.writeValueAsString(result));
            out.write('\n');
            listener.accept(result);
        }
    }

    private static ObjectNode await(Future<ObjectNode> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay worker failed", e.getCause());
        }
    }

    private ObjectNode replayLine(String numbered) {
        int tab = numbered.indexOf('\t');
        String lineNo = numbered.substring(0, tab);
        RecordedRequest request;
        try {
            request = RecordedRequest.fromJson(json.readTree(numbered.substring(tab + 1)));
        } catch (IOException | IllegalArgumentException e) {
            ObjectNode error = json.createObjectNode();
            error.putNull("id");
            error.put("line", Long.parseLong(lineNo));
            error.put("error", e instanceof IOException ? "malformed JSON" : e.getMessage());
            return error;
        }
        long t0 = System.nanoTime();
        Verdict verdict = guard.inspect(request.toGuardRequest(guard.config().maxBodyBytes()));
        if (verdict.allowed()) {
            guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));
        }
        long usec = (System.nanoTime() - t0) / 1_000;
        return toJson(request.id(), verdict, usec);
    }

    private ObjectNode toJson(String id, Verdict verdict, long usec) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id);
        node.put("blocked", verdict.blocked());
        node.put("status", verdict.httpStatus());
        ArrayNode matched = node.putArray("matched");
        verdict.findings().stream().map(Finding::ruleId).distinct().forEach(matched::add);
        node.put("wouldBlock", verdict.wouldBlock());
        ArrayNode findings = node.putArray("findings");
        for (Finding f : verdict.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("stage", f.stage());
            fn.put("rule", f.ruleId());
            fn.put("severity", f.severity().name());
            fn.put("message", f.message());
            fn.put("target", f.target());
            fn.put("excerpt", Redaction.excerpt(f.excerpt(), EXCERPT));
        }
        if (timing) {
            node.put("usec", usec);
        }
        return node;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "aiguard-replay");
            t.setDaemon(true);
            return t;
        };
    }

}
