package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hyperscan;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * On-disk cache of compiled Hyperscan databases, so that a guard with the full CRS starts in about a second
 * instead of compiling for a minute or more. A file's name is the SHA-256 of the Hyperscan version, the
 * compile flags and every expression, so a changed pattern, flag or library never hits a stale entry. Files
 * are written to a temporary name and moved into place, so concurrent writers and crashes leave either a
 * whole file or none; a file Hyperscan refuses to load (truncated, other CPU) is ignored and replaced. A
 * directory that another user owns or could write to is not used at all.
 *
 * <p>Directory: system property {@value #DIR_PROPERTY}, else {@code ${java.io.tmpdir}/aiguard-hyperscan-cache};
 * the value {@code off} disables the cache. Thread-safe.
 */
final class DatabaseCache {

    /** System property naming the cache directory, or {@code off}. */
    static final String DIR_PROPERTY = "aiguard.hyperscan.cacheDir";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCache.class);
    private static final String SUFFIX = ".hsdb";
    private static final String ERROR_SUFFIX = ".error";

    private final Path dir;
    private final AtomicBoolean warned = new AtomicBoolean();

    private DatabaseCache(Path dir) {
        this.dir = dir;
    }

    /** The cache configured by {@value #DIR_PROPERTY}, or empty when it is {@code off}. */
    static Optional<DatabaseCache> configured() {
        String value = System.getProperty(DIR_PROPERTY);
        if (value != null && value.trim().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Path dir = value == null || value.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "aiguard-hyperscan-cache")
                : Path.of(value.trim());
        return Optional.of(new DatabaseCache(dir));
    }

    /** A cache in {@code dir} (tests). */
    static DatabaseCache in(Path dir) {
        return new DatabaseCache(dir);
    }

    /** The file name for these expressions compiled with these flags (one flag set for all). */
    static String key(List<String> expressions, int flags, String kind) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(hyperscan.hs_version().getString().getBytes(StandardCharsets.ISO_8859_1));
            sha.update((byte) 0);
            sha.update((kind + ":" + flags + ":" + expressions.size()).getBytes(StandardCharsets.ISO_8859_1));
            for (String e : expressions) {
                sha.update((byte) 0);
                sha.update(Integer.toString(e.length()).getBytes(StandardCharsets.ISO_8859_1));
                sha.update((byte) ':');
                sha.update(e.getBytes(StandardCharsets.ISO_8859_1));
            }
            return HexFormat.of().formatHex(sha.digest()) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The cached database for {@code key}, or {@code null} (missing, unreadable or refused by Hyperscan). */
    hs_database_t load(String key) {
        Path file = dir.resolve(key);
        byte[] bytes;
        try {
            if (!trusted() || !Files.isRegularFile(file)) {
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        hs_database_t db = new hs_database_t();
        try (BytePointer data = new BytePointer(bytes)) {
            int rc = hyperscan.hs_deserialize_database(data, bytes.length, db);
            if (rc != hyperscan.HS_SUCCESS) {
                LOG.debug("ignoring cached Hyperscan database {}: hs_deserialize_database returned {}", file, rc);
                return null;
            }
        }
        return db;
    }

    /** Stores {@code db} under {@code key}; failures are logged at debug level and otherwise ignored. */
    void store(String key, hs_database_t db) {
        byte[] bytes = serialize(db);
        if (bytes != null) {
            write(key, bytes);
        }
    }

    private void write(String name, byte[] bytes) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            if (!trusted()) {
                return;
            }
            tmp = Files.createTempFile(dir, "tmp-", ".part");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not write {} in the Hyperscan cache {}: {}", name, dir, e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: a stray .part file is harmless.
                }
            }
        }
    }

    /** The compile error cached for {@code key}, or {@code null}. */
    String loadError(String key) {
        Path file = dir.resolve(key + ERROR_SUFFIX);
        try {
            return trusted() && Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Remembers that {@code key} does not compile, with Hyperscan's message. */
    void storeError(String key, String message) {
        write(key + ERROR_SUFFIX, message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Hyperscan deserializes what it is given, so a database file is native code's input: only a directory
     * owned by this user and not writable by group or others is used (the default lives in the shared
     * temporary directory, where someone else could have created it first). Where POSIX permissions do not
     * exist, the owner check alone applies.
     */
    private boolean trusted() {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            String me = System.getProperty("user.name");
            if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(me)) {
                warnOnce("is not owned by " + me);
                return false;
            }
            if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    warnOnce("is writable by group or others");
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void warnOnce(String why) {
        if (!warned.getAndSet(true)) {
            LOG.warn("not using the Hyperscan database cache {}: it {}", dir, why);
        }
    }

    private static byte[] serialize(hs_database_t db) {
        try (PointerPointer<BytePointer> out = new PointerPointer<>(1L);
             SizeTPointer length = new SizeTPointer(1)) {
            if (hyperscan.hs_serialize_database(db, out, length) != hyperscan.HS_SUCCESS) {
                return null;
            }
            BytePointer data = out.get(BytePointer.class, 0);
            try {
                byte[] bytes = new byte[Math.toIntExact(length.get())];
                data.capacity(bytes.length).get(bytes);
                return bytes;
            } finally {
                // hs_serialize_database allocates with the misc allocator, which is malloc by default.
                Pointer.free(data);
            }
        }
    }
}
