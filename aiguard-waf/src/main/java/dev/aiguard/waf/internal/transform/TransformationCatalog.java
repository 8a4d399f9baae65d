package dev.aiguard.waf.internal.transform;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All transformations by name, built once for one {@link UnicodeMap} (the only configurable part).
 * Immutable and thread-safe; every transformation in it is stateless.
 */
public final class TransformationCatalog {

    private final Map<String, Transformation> byLowerCaseName;
    private final UnicodeMap unicodeMap;

    private TransformationCatalog(UnicodeMap unicodeMap) {
        this.unicodeMap = unicodeMap;
        Map<String, Transformation> map = new LinkedHashMap<>();
        add(map, NoneTransformation.INSTANCE);
        add(map, UrlDecode.standard());
        add(map, UrlDecode.unicode(unicodeMap));
        add(map, CaseConversion.lower());
        add(map, CaseConversion.upper());
        add(map, new JsDecode());
        add(map, new HtmlEntityDecode());
        add(map, new Utf8ToUnicode());
        add(map, NullBytes.remove());
        add(map, NullBytes.replace());
        add(map, new CssDecode());
        add(map, new CmdLine());
        add(map, Whitespace.remove());
        add(map, Whitespace.compress());
        add(map, new ReplaceComments());
        add(map, new RemoveComments());
        add(map, new RemoveCommentsChar());
        add(map, NormalizePath.unix());
        add(map, NormalizePath.windows());
        alias(map, "normalisePath", "normalizePath");
        alias(map, "normalisePathWin", "normalizePathWin");
        add(map, new EscapeSeqDecode());
        add(map, new Length());
        add(map, new Base64Decode());
        add(map, new Base64DecodeExt());
        add(map, new Base64Encode());
        add(map, Digest.sha1());
        add(map, Digest.md5());
        add(map, new HexEncode());
        add(map, new HexDecode());
        add(map, Trim.both());
        add(map, Trim.left());
        add(map, Trim.right());
        add(map, new SqlHexDecode());
        add(map, Parity7Bit.even());
        add(map, Parity7Bit.odd());
        add(map, Parity7Bit.zero());
        this.byLowerCaseName = Map.copyOf(map);
    }

    /** A catalog whose {@code urlDecodeUni} maps {@code %uXXXX} through {@code unicodeMap}. */
    public static TransformationCatalog create(UnicodeMap unicodeMap) {
        if (unicodeMap == null) {
            throw new IllegalArgumentException("unicodeMap is null (use UnicodeMap.none())");
        }
        return new TransformationCatalog(unicodeMap);
    }

    private static void add(Map<String, Transformation> map, Transformation transformation) {
        map.put(key(transformation.name()), transformation);
    }

    private static void alias(Map<String, Transformation> map, String alias, String name) {
        map.put(key(alias), map.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The transformation called {@code name} in rules (case-insensitive, as ModSecurity matches it).
     *
     * @throws IllegalArgumentException for an unknown or null name (the message names it)
     */
    public Transformation byName(String name) {
        Transformation transformation = name == null ? null : byLowerCaseName.get(key(name));
        if (transformation == null) {
            throw new IllegalArgumentException("unknown transformation 't:" + name + "'");
        }
        return transformation;
    }

    /** Every accepted name, in lower case (aliases included). */
    public Set<String> names() {
        return new TreeSet<>(byLowerCaseName.keySet());
    }

    public UnicodeMap unicodeMap() {
        return unicodeMap;
    }
}
