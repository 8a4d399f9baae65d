package dev.aiguard.waf.internal.transform;

import java.nio.file.Path;

/**
 * Looks up transformations by their rule name (case-insensitive, as ModSecurity does).
 *
 * <p>{@code byName("none")} returns {@link #none()}: an identity transformation that a rule
 * engine must treat as "reset the chain" (drop the transformations inherited so far), recognised
 * with {@link #isNone(Transformation)}.
 *
 * <p>{@code urlDecodeUni} needs ModSecurity's {@code unicode.mapping} table, which AIGuard does
 * not ship. The default catalog loads it from the path in system property
 * {@value #UNICODE_MAPPING_PROPERTY} (or environment variable {@code AIGUARD_UNICODE_MAPPING}),
 * code page {@value #UNICODE_CODE_PAGE_PROPERTY} (default 20127, what the CRS tests use). When no
 * path is configured, or it cannot be loaded, it falls back to {@link UnicodeMap#none()} (low byte
 * plus the full-width ASCII rule); {@link #defaultCatalog()}{@code .unicodeMap().source()} says
 * which one is in use. A rule engine that reads {@code SecUnicodeMapFile} builds its own catalog
 * with {@link TransformationCatalog#create(UnicodeMap)}.
 */
public final class Transformations {

    public static final String UNICODE_MAPPING_PROPERTY = "aiguard.unicode.mapping";
    public static final String UNICODE_CODE_PAGE_PROPERTY = "aiguard.unicode.codepage";
    private static final String UNICODE_MAPPING_ENV = "AIGUARD_UNICODE_MAPPING";

    private Transformations() {
    }

    /** Lazily built, once, on first use (holder idiom: thread-safe without locking). */
    private static final class DefaultCatalog {
        static final TransformationCatalog INSTANCE = TransformationCatalog.create(configuredUnicodeMap());
    }

    /**
     * @throws IllegalArgumentException for an unknown name (the message names it)
     */
    public static Transformation byName(String name) {
        return DefaultCatalog.INSTANCE.byName(name);
    }

    /** The catalog behind {@link #byName(String)}. */
    public static TransformationCatalog defaultCatalog() {
        return DefaultCatalog.INSTANCE;
    }

    /** {@code t:none}: the identity, and the marker for "reset the chain". */
    public static Transformation none() {
        return NoneTransformation.INSTANCE;
    }

    public static boolean isNone(Transformation transformation) {
        return transformation == NoneTransformation.INSTANCE;
    }

    private static UnicodeMap configuredUnicodeMap() {
        String path = System.getProperty(UNICODE_MAPPING_PROPERTY, System.getenv(UNICODE_MAPPING_ENV));
        if (path == null || path.isBlank()) {
            return UnicodeMap.none();
        }
        try {
            int codePage = Integer.parseInt(System.getProperty(UNICODE_CODE_PAGE_PROPERTY,
                    Integer.toString(UnicodeMap.US_ASCII_CODE_PAGE)).trim());
            return UnicodeMap.load(Path.of(path), codePage);
        } catch (Exception unusable) {
            // Configuration must not make class initialisation fail; the fallback is documented.
            return UnicodeMap.none().describedAs("built-in fallback; could not load " + path + ": " + unusable);
        }
    }
}
