package dev.aiguard.api;

import dev.aiguard.api.internal.EventFactory;
import dev.aiguard.api.internal.policy.CompiledPolicy;
import dev.aiguard.api.internal.policy.PolicySources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reloads a policy file or directory into a {@link Guard} when it changes. A {@link WatchService} on the directory
 * reports changes, which are debounced (editors write in several steps); a periodic check of the files' sizes and
 * modification times catches what the watch service misses (network file systems, overflows) and is the only
 * mechanism where no watch service is available.
 *
 * <p>A change that loads and builds is swapped in with {@link Guard#update} (atomic: requests in flight finish on the
 * old policy). A change that fails keeps the last good policy and publishes a {@link EventType#POLICY_REJECTED} event
 * listing the errors (once per distinct set of errors). A change that produces the version already running does
 * nothing.
 *
 * <p>The watcher runs one daemon thread; {@link #close()} stops it. {@link #reload()} reloads immediately (tests, an
 * admin endpoint, a SIGHUP handler).
 */
public final class PolicyWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyWatcher.class);
    /** Default quiet time after the last change before reloading. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
    /** Default interval of the modification-time check. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private final PolicyLoader loader;
    private final Path path;
    private final Guard guard;
    private final Duration debounce;
    private final Duration pollInterval;
    private final Object reloadLock = new Object();
    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;
    private volatile List<PolicyError> lastErrors = List.of();
    private List<String> fingerprint;

    private PolicyWatcher(Builder b) {
        this.loader = b.loader;
        this.path = b.path;
        this.guard = b.guard;
        this.debounce = b.debounce;
        this.pollInterval = b.pollInterval;
        this.watchService = b.useWatchService ? openWatchService() : null;
        this.fingerprint = fingerprint();
        this.thread = new Thread(this::run, "aiguard-policy-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts configuring a watcher.
     *
     * @param loader loads the policy
     * @param path   the policy file or directory (the one {@code guard}'s policy came from)
     * @param guard  the guard to update
     */
    public static Builder builder(PolicyLoader loader, Path path, Guard guard) {
        return new Builder(loader, path, guard);
    }

    /**
     * Loads the policy now and, if it is valid and differs from the running one, swaps it in.
     *
     * @return the errors when the change was rejected (then a {@code POLICY_REJECTED} event was published), else empty
     */
    public List<PolicyError> reload() {
        synchronized (reloadLock) {
            fingerprint = fingerprint();
            try {
                Policy policy = loader.load(path);
                if (!policy.version().equals(guard.policyVersion())) {
                    // Sinks whose configuration did not change carry over, so event files are not opened twice.
                    GuardConfig next = policy instanceof CompiledPolicy compiled
                            ? compiled.toGuardConfig(guard.config().sinks()) : policy.toGuardConfig();
                    guard.update(next);
                    LOG.info("AIGuard policy {} loaded from {}", policy.version(), path);
                }
                lastErrors = List.of();
            } catch (PolicyException e) {
                reject(e.errors());
            } catch (RuntimeException e) {
                reject(List.of(new PolicyError(path.toString(), 0, 0, "", "reload failed: " + e)));
            }
            return lastErrors;
        }
    }

    /** Errors of the last reload; empty when it succeeded. */
    public List<PolicyError> lastErrors() {
        return lastErrors;
    }

    /**
     * Keeps the last good policy and reports. An attempt failing exactly like the one before (the watch service and
     * an explicit reload seeing the same bad file, an editor saving twice) is logged at debug and not published again.
     */
    private void reject(List<PolicyError> errors) {
        if (errors.equals(lastErrors)) {
            LOG.debug("AIGuard policy still rejected with the same {} error(s)", errors.size());
            return;
        }
        lastErrors = List.copyOf(errors);
        String listed = errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n"));
        String message = "policy change rejected, keeping " + guard.policyVersion() + " (" + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + "):\n" + listed;
        LOG.warn("AIGuard {}", message);
        guard.publish(EventFactory.policyEvent(guard.config(), EventType.POLICY_REJECTED, message));
    }

    private WatchService openWatchService() {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        try {
            WatchService service = dir.getFileSystem().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return service;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("AIGuard policy watcher falls back to polling {} every {}: {}", dir, pollInterval, e.toString());
            return null;
        }
    }

    private void start() {
        thread.start();
    }

    private void run() {
        // The file may have changed between the caller's load and this start: catch up once.
        reloadUnlessClosed();
        long nextPoll = System.nanoTime() + pollInterval.toNanos();
        while (!closed) {
            try {
                boolean changed = waitForChange(Math.max(1, nextPoll - System.nanoTime()));
                if (!changed && System.nanoTime() - nextPoll >= 0) {
                    nextPoll = System.nanoTime() + pollInterval.toNanos();
                    changed = !fingerprint().equals(currentFingerprint());
                }
                if (changed) {
                    reloadUnlessClosed();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                // The watcher must outlive any one failure; the next change tries again.
                LOG.warn("AIGuard policy watcher error", e);
            }
        }
    }

    private void reloadUnlessClosed() {
        if (!closed) {
            reload();
        }
    }

    private List<String> currentFingerprint() {
        synchronized (reloadLock) {
            return fingerprint;
        }
    }

    /** Waits up to {@code nanos} for a relevant change, then for {@link #debounce} of quiet. */
    private boolean waitForChange(long nanos) throws InterruptedException {
        if (watchService == null) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        }
        WatchKey key = watchService.poll(nanos, TimeUnit.NANOSECONDS);
        if (key == null || !relevant(key)) {
            return false;
        }
        long deadline = System.nanoTime() + 10 * debounce.toNanos();
        WatchKey more;
        while ((more = watchService.poll(debounce.toNanos(), TimeUnit.NANOSECONDS)) != null
                && System.nanoTime() - deadline < 0) {
            relevant(more);
        }
        if (more != null) {
            relevant(more);
        }
        return true;
    }

    /** Whether the key's events concern the policy (and re-arms the key). */
    private boolean relevant(WatchKey key) {
        boolean relevant = false;
        String fileName = Files.isDirectory(path) ? null : path.getFileName().toString();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
            } else if (event.context() instanceof Path changed) {
                String name = changed.getFileName().toString();
                // Kubernetes updates a mounted ConfigMap by swapping the "..data" symlink the files point through.
                relevant |= name.equals("..data")
                        || (fileName == null ? name.endsWith(".yaml") || name.endsWith(".yml") : name.equals(fileName));
            }
        }
        key.reset();
        return relevant;
    }

    /** Names, sizes and modification times of the policy files: cheap to compute, changes with any edit. */
    private List<String> fingerprint() {
        List<String> out = new ArrayList<>();
        try {
            for (Path file : PolicySources.files(path)) {
                out.add(file + ":" + (Files.exists(file) ? Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis() : "-"));
            }
        } catch (IOException e) {
            out.add("error:" + e.getMessage());
        }
        return out;
    }

    /** Stops watching. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("AIGuard policy watcher: closing the watch service failed", e);
            }
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Configures a {@link PolicyWatcher}. */
    public static final class Builder {
        private final PolicyLoader loader;
        private final Path path;
        private final Guard guard;
        private Duration debounce = DEFAULT_DEBOUNCE;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private boolean useWatchService = true;

        private Builder(PolicyLoader loader, Path path, Guard guard) {
            this.loader = Objects.requireNonNull(loader, "loader");
            this.path = Objects.requireNonNull(path, "path");
            this.guard = Objects.requireNonNull(guard, "guard");
        }

        /** Quiet time after the last change before reloading (default 200 ms). */
        public Builder debounce(Duration debounce) {
            this.debounce = positive(debounce, "debounce");
            return this;
        }

        /** Interval of the size and modification-time check (default 2 s). */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /** Whether to use the file system's watch service; {@code false} relies on polling alone. Default true. */
        public Builder useWatchService(boolean useWatchService) {
            this.useWatchService = useWatchService;
            return this;
        }

        /** Starts the watcher thread. */
        public PolicyWatcher start() {
            PolicyWatcher watcher = new PolicyWatcher(this);
            watcher.start();
            return watcher;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0");
            }
            return d;
        }
    }
}
