package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import com.gliwka.hyperscan.jni.match_event_handler;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Regex engine on Hyperscan (x86-64 only), with RE2/J where Hyperscan cannot answer exactly.
 *
 * <p>Each pattern gets its own block-mode database, compiled with
 * {@code DOTALL | ALLOWEMPTY | SINGLEMATCH} from the {@link PatternRewriter.Dialect#HYPERSCAN}
 * rewrite, and is scanned over the raw bytes (never re-encoded as UTF-8). Routing per pattern:
 * <ul>
 *   <li>{@link Mode#EXACT}: Hyperscan's answer is the answer.</li>
 *   <li>{@link Mode#SPLIT}: the exact compile failed (e.g. "Pattern is too large"), but the outermost
 *       alternations distribute into pieces of at most {@link #DEFAULT_MAX_PIECE_LENGTH} chars
 *       ({@link AlternationSplitter}); one multi-pattern database of the pieces answers exactly whether any
 *       piece, and so the pattern, matches. This is what keeps RE2/J off the huge CRS 932xxx
 *       command lists on values that do not match.</li>
 *   <li>{@link Mode#PREFILTER}: neither compiled exactly; a {@code HS_FLAG_PREFILTER} database finds
 *       candidates and RE2/J confirms each one.</li>
 *   <li>{@link Mode#RE2J_ONLY}: Hyperscan rejects the pattern outright (e.g. "Embedded end anchors").</li>
 * </ul>
 * {@link CompiledPattern#findGroups} always runs RE2/J (Hyperscan has no captures), and only after
 * Hyperscan said yes.
 *
 * <p>Scratch space: one prototype scratch is grown for every database; each scanning thread clones it
 * and re-clones after new patterns were compiled. {@link #close()} frees every database and scratch;
 * call it only once no thread scans any more.
 */
public final class HyperscanEngine implements RegexEngine {

    /** How a pattern is evaluated. */
    public enum Mode { EXACT, SPLIT, PREFILTER, RE2J_ONLY }

    /** System property: when split databases are compiled ({@code async}, the default, {@code sync} or {@code off}). */
    public static final String SPLIT_PROPERTY = "aiguard.hyperscan.split";

    /**
     * When a split database that is not in the cache gets compiled: on a background thread while the
     * pattern answers through its prefilter ({@code ASYNC}), inside {@link #compile} ({@code SYNC}, for
     * cache warming and measurements), or never ({@code OFF}).
     */
    enum SplitMode {
        ASYNC, SYNC, OFF;

        static SplitMode configured() {
            String value = System.getProperty(SPLIT_PROPERTY, "async").trim().toUpperCase(java.util.Locale.ROOT);
            try {
                return valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown " + SPLIT_PROPERTY + " '" + value
                        + "'; expected async, sync or off", e);
            }
        }
    }

    /**
     * Pieces longer than this are split further. Chosen by a one-off measurement on the CRS v4.28
     * patterns Hyperscan rejects as too large (932220-932260): see {@code docs/crs.md}, "Performance".
     * Shorter pieces compile faster per piece but multiply the shared prefixes and suffixes.
     */
    static final int DEFAULT_MAX_PIECE_LENGTH = 4000;

    /** A split that needs more pieces than this is not worth a database; the pattern gets a prefilter. */
    static final int MAX_PIECES = 4000;

    /** Flags of every database: byte-string semantics, empty matches allowed, one report per pattern. */
    static final int FLAGS = hyperscan.HS_FLAG_DOTALL | hyperscan.HS_FLAG_ALLOWEMPTY
            | hyperscan.HS_FLAG_SINGLEMATCH;

    private final Re2jEngine re2j = new Re2jEngine();
    private final int maxPieceLength;
    private final SplitMode splitMode;
    /** {@code null} when caching is off. */
    private final DatabaseCache cache;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<hs_database_t> databases = new ArrayList<>();
    /** Guarded by {@link #lock}; grown to fit every database. */
    private final hs_scratch_t prototype = new hs_scratch_t();
    private final Set<ScanState> states = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<ScanState> localState = ThreadLocal.withInitial(this::newState);
    private final match_event_handler stopAtFirstMatch = new StopAtFirstMatch();
    /** Guarded by {@link #lock}; created on the first background compile. */
    private ExecutorService background;
    private volatile int generation;
    private volatile boolean closed;

    /**
     * @throws IllegalStateException when Hyperscan cannot run here (the message says why)
     */
    public HyperscanEngine() {
        this(DEFAULT_MAX_PIECE_LENGTH);
    }

    /** With another split threshold (measurements and tests). */
    HyperscanEngine(int maxPieceLength) {
        this(maxPieceLength, SplitMode.configured(), DatabaseCache.configured().orElse(null));
    }

    /** With everything explicit (tests). */
    HyperscanEngine(int maxPieceLength, SplitMode splitMode, DatabaseCache cache) {
        this.maxPieceLength = maxPieceLength;
        this.splitMode = splitMode;
        this.cache = cache;
        HyperscanAvailability availability = HyperscanAvailability.current();
        if (!availability.available()) {
            throw new IllegalStateException("Hyperscan is not available: " + availability.reason());
        }
    }

    @Override
    public String name() {
        return "hyperscan";
    }

    @Override
    public CompiledPattern compile(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is null");
        }
        Re2jPattern confirm = re2j.compileRe2j(pattern);
        String rewritten = PatternRewriter.rewrite(pattern, PatternRewriter.Dialect.HYPERSCAN);
        Compiled exact = compileCached(rewritten, FLAGS, "exact");
        if (exact.database() != null) {
            return new HyperscanPattern(this, confirm, register(exact.database()), Mode.EXACT, "");
        }
        List<String> pieces = splitMode == SplitMode.OFF ? null
                : AlternationSplitter.splitToSize(pattern, maxPieceLength, MAX_PIECES).orElse(null);
        if (pieces != null) {
            List<String> rewrittenPieces = pieces.stream()
                    .map(piece -> PatternRewriter.rewrite(piece, PatternRewriter.Dialect.HYPERSCAN)).toList();
            String key = DatabaseCache.key(rewrittenPieces, FLAGS, "split");
            hs_database_t cached = cache == null ? null : cache.load(key);
            if (cached == null && cache != null && cache.loadError(key) != null) {
                pieces = null; // Hyperscan rejected this split before: do not try again.
            } else if (cached == null && splitMode == SplitMode.SYNC) {
                cached = compileSplit(rewrittenPieces, key);
                if (cached == null) {
                    pieces = null;
                }
            }
            if (cached != null) {
                HyperscanPattern split = new HyperscanPattern(this, confirm, null, Mode.RE2J_ONLY, exact.error());
                split.useSplit(register(cached), pieces);
                return split;
            }
        }
        Compiled prefilter = compileCached(rewritten, FLAGS | hyperscan.HS_FLAG_PREFILTER, "prefilter");
        HyperscanPattern result = prefilter.database() == null
                ? new HyperscanPattern(this, confirm, null, Mode.RE2J_ONLY, exact.error())
                : new HyperscanPattern(this, confirm, register(prefilter.database()), Mode.PREFILTER, exact.error());
        if (pieces != null) {
            splitLater(result, pieces);
        }
        return result;
    }

    /** A compiled database, or the compile error Hyperscan gave (then {@code database} is null). */
    private record Compiled(hs_database_t database, String error) {
    }

    /**
     * Loads the database from the cache or compiles it (and caches it). A compile error is cached too, as a
     * file holding the message, so that a warm start does not retry the patterns Hyperscan rejects.
     */
    private Compiled compileCached(String expression, int flags, String kind) {
        String key = DatabaseCache.key(List.of(expression), flags, kind);
        if (cache != null) {
            hs_database_t db = cache.load(key);
            if (db != null) {
                return new Compiled(db, "");
            }
            String error = cache.loadError(key);
            if (error != null) {
                return new Compiled(null, error);
            }
        }
        try {
            hs_database_t db = compileDatabase(expression, flags);
            if (cache != null) {
                cache.store(key, db);
            }
            return new Compiled(db, "");
        } catch (HyperscanCompileException e) {
            // Only a rejected expression is worth remembering; a resource failure may not happen next time.
            if (cache != null && e.permanent) {
                cache.storeError(key, e.getMessage());
            }
            return new Compiled(null, e.getMessage());
        }
    }

    /** Compiles a split database now and caches it; {@code null} when Hyperscan rejects it. */
    private hs_database_t compileSplit(List<String> rewrittenPieces, String key) {
        try {
            hs_database_t db = compileMulti(rewrittenPieces);
            if (cache != null) {
                cache.store(key, db);
            }
            return db;
        } catch (HyperscanCompileException e) {
            // Remembered, so that no later start spends minutes on it again (932260 is rejected after ~7 min).
            if (cache != null && e.permanent) {
                cache.storeError(key, e.getMessage());
            }
            return null;
        }
    }

    /**
     * Compiles the split database on the engine's background thread and then switches the pattern to it.
     * Until then the pattern answers through its prefilter and RE2/J, with the same results. Compiling the
     * CRS 932xxx command lists this way takes minutes, which is why it is neither done inline nor retried
     * once cached.
     */
    private void splitLater(HyperscanPattern pattern, List<String> pieces) {
        List<String> rewrittenPieces = pieces.stream()
                .map(piece -> PatternRewriter.rewrite(piece, PatternRewriter.Dialect.HYPERSCAN)).toList();
        String key = DatabaseCache.key(rewrittenPieces, FLAGS, "split");
        Runnable task = () -> {
            if (closed) {
                return;
            }
            hs_database_t db = compileSplit(rewrittenPieces, key);
            if (db == null) {
                return;
            }
            try {
                pattern.useSplit(register(db), pieces);
            } catch (IllegalStateException engineClosed) {
                // register() freed the database; nobody scans any more.
            }
        };
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (background == null) {
                background = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "aiguard-hyperscan-split-compile");
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                });
            }
            background.execute(task);
        }
    }

    /** Frees all databases and scratch space. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (background != null) {
                background.shutdownNow();
            }
            for (ScanState state : states) {
                state.free();
            }
            states.clear();
            for (hs_database_t db : databases) {
                hyperscan.hs_free_database(db);
            }
            databases.clear();
            if (!prototype.isNull()) {
                hyperscan.hs_free_scratch(prototype);
            }
            stopAtFirstMatch.close();
        }
    }

    private static hs_database_t compileDatabase(String expression, int flags) {
        byte[] bytes = (expression + '\0').getBytes(StandardCharsets.ISO_8859_1);
        hs_database_t db = new hs_database_t();
        hs_compile_error_t error = new hs_compile_error_t();
        try (BytePointer expr = new BytePointer(bytes)) {
            int rc = hyperscan.hs_compile(expr, flags, hyperscan.HS_MODE_BLOCK, null, db, error);
            if (rc != hyperscan.HS_SUCCESS) {
                String message = error.isNull() ? "hs_compile returned " + rc : error.message().getString();
                if (!error.isNull()) {
                    hyperscan.hs_free_compile_error(error);
                }
                throw new HyperscanCompileException(message, rc == hyperscan.HS_COMPILER_ERROR);
            }
        }
        return db;
    }

    /**
     * One database of all pieces (Hyperscan id = index in the list). A single compile: pieces are never
     * trial-compiled one by one.
     *
     * @throws HyperscanCompileException when Hyperscan rejects it
     */
    private static hs_database_t compileMulti(List<String> rewrittenPieces) {
        int n = rewrittenPieces.size();
        BytePointer[] expressions = new BytePointer[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            expressions[i] = new BytePointer((rewrittenPieces.get(i) + '\0').getBytes(StandardCharsets.ISO_8859_1));
            ids[i] = i;
        }
        int[] flags = new int[n];
        Arrays.fill(flags, FLAGS);
        try (PointerPointer<BytePointer> exprs = new PointerPointer<>(expressions);
             IntPointer flagPointer = new IntPointer(flags);
             IntPointer idPointer = new IntPointer(ids);
             PointerPointer<hs_database_t> dbOut = new PointerPointer<>(1L);
             PointerPointer<hs_compile_error_t> errorOut = new PointerPointer<>(1L)) {
            int rc = hyperscan.hs_compile_multi(exprs, flagPointer, idPointer, n, hyperscan.HS_MODE_BLOCK, null,
                    dbOut, errorOut);
            if (rc != hyperscan.HS_SUCCESS) {
                hs_compile_error_t error = errorOut.get(hs_compile_error_t.class, 0);
                String message = "hs_compile_multi returned " + rc;
                if (error != null && !error.isNull()) {
                    message = error.message().getString();
                    hyperscan.hs_free_compile_error(error);
                }
                throw new HyperscanCompileException(message, rc == hyperscan.HS_COMPILER_ERROR);
            }
            return dbOut.get(hs_database_t.class, 0);
        } finally {
            for (BytePointer e : expressions) {
                e.close();
            }
        }
    }

    /** Makes the engine own {@code db}: grows the scratch for it and frees it on close. */
    private hs_database_t register(hs_database_t db) {
        synchronized (lock) {
            if (closed) {
                hyperscan.hs_free_database(db);
                throw new IllegalStateException("Hyperscan engine is closed");
            }
            int rc = hyperscan.hs_alloc_scratch(db, prototype);
            if (rc != hyperscan.HS_SUCCESS) {
                hyperscan.hs_free_database(db);
                throw new IllegalStateException("hs_alloc_scratch failed with code " + rc);
            }
            databases.add(db);
            generation++;
            return db;
        }
    }

    /** {@code true} when the database matches the input's bytes. */
    boolean scan(hs_database_t db, String input) {
        ScanState state = readyState();
        BytePointer data = state.load(input);
        int rc = hyperscan.hs_scan(db, data, input.length(), 0, state.scratch, stopAtFirstMatch, null);
        if (rc == hyperscan.HS_SCAN_TERMINATED) {
            return true;
        }
        if (rc == hyperscan.HS_SUCCESS) {
            return false;
        }
        throw new IllegalStateException("hs_scan failed with code " + rc);
    }

    private ScanState readyState() {
        if (closed) {
            // The database is freed: scanning it would crash the JVM, not just fail.
            throw new IllegalStateException("Hyperscan engine is closed");
        }
        ScanState state = localState.get();
        if (state.generation != generation) {
            refreshScratch(state);
        }
        return state;
    }

    private void refreshScratch(ScanState state) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("Hyperscan engine is closed");
            }
            hs_scratch_t fresh = new hs_scratch_t();
            int rc = hyperscan.hs_clone_scratch(prototype, fresh);
            if (rc != hyperscan.HS_SUCCESS) {
                throw new IllegalStateException("hs_clone_scratch failed with code " + rc);
            }
            state.replaceScratch(fresh, generation);
        }
    }

    private ScanState newState() {
        ScanState state = new ScanState();
        states.add(state);
        return state;
    }

    /** Callback that stops the scan at the first match, so {@code hs_scan} reports "terminated". */
    private static final class StopAtFirstMatch extends match_event_handler {
        @Override
        public int call(int id, long from, long to, int flags, Pointer context) {
            return 1;
        }
    }

    /** A compile error from Hyperscan; the message is Hyperscan's. */
    private static final class HyperscanCompileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** {@code true} for a rejected expression, {@code false} for e.g. an allocation failure. */
        private final boolean permanent;

        HyperscanCompileException(String message, boolean permanent) {
            super(message, null, false, false);
            this.permanent = permanent;
        }
    }
}
