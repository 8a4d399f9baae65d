package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hyperscan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether the bundled Hyperscan native library can run on this JVM, and if not, why. Every check that
 * could crash the process (a library built for another libc, a CPU without SSSE3) is done from plain
 * Java before the native library is touched.
 *
 * @param available {@code true} when Hyperscan can be used
 * @param reason    why it cannot (empty when available)
 */
public record HyperscanAvailability(boolean available, String reason) {

    /** System property that makes Hyperscan look unavailable (tests, the RE2/J CI path). */
    public static final String DISABLE_PROPERTY = "aiguard.hyperscan.disable";

    /**
     * The current answer: the disable property is read on each call, the platform probe runs once
     * per JVM (loading a native library is a one-way step anyway).
     */
    public static HyperscanAvailability current() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return unavailable("disabled by system property " + DISABLE_PROPERTY + "=true");
        }
        return NativeProbe.RESULT;
    }

    static HyperscanAvailability unavailable(String reason) {
        return new HyperscanAvailability(false, reason);
    }

    /** Runs the platform probe once, on first use (class-holder idiom; the result is immutable). */
    private static final class NativeProbe {
        static final HyperscanAvailability RESULT = probe();

        private NativeProbe() {
        }

        private static HyperscanAvailability probe() {
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (!arch.equals("amd64") && !arch.equals("x86_64")) {
                return unavailable("CPU architecture '" + arch + "' is not supported; the bundled Hyperscan"
                        + " native library exists only for x86-64");
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            boolean linux = os.contains("linux");
            if (!linux && !os.contains("mac") && !os.contains("windows")) {
                return unavailable("operating system '" + os + "' is not supported by the bundled Hyperscan"
                        + " native library (Linux, macOS and Windows only)");
            }
            if (linux) {
                if (isMusl()) {
                    return unavailable("musl libc (e.g. Alpine) is not supported; the bundled Hyperscan library"
                            + " needs glibc");
                }
                String cpuFlags = linuxCpuFlags();
                if (cpuFlags != null && !cpuFlags.contains(" ssse3")) {
                    return unavailable("the CPU lacks SSSE3, which Hyperscan requires");
                }
            }
            return loadNative();
        }

        private static HyperscanAvailability loadNative() {
            try {
                if (hyperscan.hs_valid_platform() != hyperscan.HS_SUCCESS) {
                    return unavailable("Hyperscan reports this CPU as unsupported (SSSE3 required)");
                }
                return new HyperscanAvailability(true, "");
            } catch (LinkageError | RuntimeException e) {
                return unavailable("the Hyperscan native library failed to load: " + e);
            }
        }

        private static boolean isMusl() {
            try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
                return lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        /** The "flags" line of /proc/cpuinfo with a leading space, or null when it cannot be read. */
        private static String linuxCpuFlags() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
                return lines.filter(l -> l.startsWith("flags"))
                        .findFirst()
                        .map(l -> " " + l.substring(l.indexOf(':') + 1).trim() + " ")
                        .orElse(null);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
