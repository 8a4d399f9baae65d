package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import com.gliwka.hyperscan.jni.match_event_handler;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regex engine on Hyperscan (x86-64 only), with RE2/J where Hyperscan cannot answer exactly.
 *
 * <p>Each pattern gets its own block-mode database, compiled with
 * {@code DOTALL | ALLOWEMPTY | SINGLEMATCH} from the {@link PatternRewriter.Dialect#HYPERSCAN}
 * rewrite, and is scanned over the raw bytes (never re-encoded as UTF-8). Routing per pattern:
 * <ul>
 *   <li>{@link Mode#EXACT}: Hyperscan's answer is the answer.</li>
 *   <li>{@link Mode#PREFILTER}: the exact compile failed (e.g. "Pattern is too large"); a
 *       {@code HS_FLAG_PREFILTER} database finds candidates and RE2/J confirms each one.</li>
 *   <li>{@link Mode#RE2J_ONLY}: Hyperscan rejects the pattern outright (e.g. "Embedded end anchors").</li>
 * </ul>
 * {@link CompiledPattern#findGroups} always runs RE2/J (Hyperscan has no captures), and only after
 * {@code find} said yes.
 *
 * <p>Scratch space: one prototype scratch is grown for every database; each scanning thread clones it
 * and re-clones after new patterns were compiled. {@link #close()} frees every database and scratch;
 * call it only once no thread scans any more.
 */
public final class HyperscanEngine implements RegexEngine {

    /** How a pattern is evaluated. */
    public enum Mode { EXACT, PREFILTER, RE2J_ONLY }

    private static final int FLAGS = hyperscan.HS_FLAG_DOTALL | hyperscan.HS_FLAG_ALLOWEMPTY
            | hyperscan.HS_FLAG_SINGLEMATCH;

    private final Re2jEngine re2j = new Re2jEngine();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<hs_database_t> databases = new ArrayList<>();
    /** Guarded by {@link #lock}; grown to fit every database. */
    private final hs_scratch_t prototype = new hs_scratch_t();
    private final Set<ScanState> states = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<ScanState> localState = ThreadLocal.withInitial(this::newState);
    private final match_event_handler stopAtFirstMatch = new StopAtFirstMatch();
    private volatile int generation;
    private volatile boolean closed;

    /**
     * @throws IllegalStateException when Hyperscan cannot run here (the message says why)
     */
    public HyperscanEngine() {
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
        CompiledPattern confirm = re2j.compile(pattern);
        String rewritten = PatternRewriter.rewrite(pattern, PatternRewriter.Dialect.HYPERSCAN);
        try {
            return new HyperscanPattern(this, confirm, compileDatabase(rewritten, FLAGS), Mode.EXACT, "");
        } catch (HyperscanCompileException exact) {
            try {
                hs_database_t prefilter = compileDatabase(rewritten, FLAGS | hyperscan.HS_FLAG_PREFILTER);
                return new HyperscanPattern(this, confirm, prefilter, Mode.PREFILTER, exact.getMessage());
            } catch (HyperscanCompileException rejected) {
                return new HyperscanPattern(this, confirm, null, Mode.RE2J_ONLY, exact.getMessage());
            }
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

    private hs_database_t compileDatabase(String expression, int flags) {
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
                throw new HyperscanCompileException(message);
            }
        }
        register(db);
        return db;
    }

    private void register(hs_database_t db) {
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
        }
    }

    /** {@code true} when the database matches the input's bytes. */
    boolean scan(hs_database_t db, String input) {
        if (closed) {
            // The database is freed: scanning it would crash the JVM, not just fail.
            throw new IllegalStateException("Hyperscan engine is closed");
        }
        ScanState state = localState.get();
        if (state.generation != generation) {
            refreshScratch(state);
        }
        int length = state.load(input);
        int rc = hyperscan.hs_scan(db, state.data(), length, 0, state.scratch, stopAtFirstMatch, null);
        if (rc == hyperscan.HS_SCAN_TERMINATED) {
            return true;
        }
        if (rc == hyperscan.HS_SUCCESS) {
            return false;
        }
        throw new IllegalStateException("hs_scan failed with code " + rc);
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

        HyperscanCompileException(String message) {
            super(message, null, false, false);
        }
    }
}
