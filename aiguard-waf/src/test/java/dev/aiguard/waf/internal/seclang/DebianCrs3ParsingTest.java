package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parses Debian's packaged CRS 3.3 through its own loader file, which uses {@code Include} with a
 * glob, absolute paths and {@code IncludeOptional}. The expected counts come from a line-based
 * count of directive keywords in the same files (a statement always starts on its own line).
 */
class DebianCrs3ParsingTest {
    private static final Pattern DIRECTIVE_START = Pattern.compile("(?m)^[ \\t]*(Sec[A-Za-z]+)[ \\t]");

    @Test
    void debianLoaderFileParsesCompletely() throws IOException {
        Path crs = CrsDirs.debianCrs3();
        List<Directive> ds = new SecLangParser().parseFile(crs.resolve("owasp-crs.load"));

        Map<String, Long> parsed = ds.stream().collect(Collectors.groupingBy(DebianCrs3ParsingTest::keyword,
                TreeMap::new, Collectors.counting()));
        assertThat(parsed).isEqualTo(countKeywords(loadedFiles(crs)));
        assertThat(parsed.get("SecRule")).isGreaterThan(700);
        assertThat(ds).filteredOn(d -> d instanceof SettingDirective s && s.name().equals("SecComponentSignature"))
                .singleElement().extracting(d -> ((SettingDirective) d).value()).asString().startsWith("OWASP_CRS/3.3");
    }

    /** The files owasp-crs.load names, in its order. */
    private static List<Path> loadedFiles(Path crs) throws IOException {
        List<Path> files = new ArrayList<>();
        Path etc = Path.of("/etc/modsecurity/crs");
        files.add(etc.resolve("crs-setup.conf"));
        optional(files, etc.resolve("REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf"));
        try (Stream<Path> rules = Files.list(crs.resolve("rules"))) {
            rules.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().forEach(files::add);
        }
        optional(files, etc.resolve("RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf"));
        return files;
    }

    private static void optional(List<Path> files, Path file) {
        if (Files.exists(file)) {
            files.add(file);
        }
    }

    private static Map<String, Long> countKeywords(List<Path> files) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (Path file : files) {
            Matcher m = DIRECTIVE_START.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                counts.merge(m.group(1), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static String keyword(Directive d) {
        if (d instanceof SettingDirective s) {
            return s.name();
        }
        if (d instanceof RemoveRulesDirective x) {
            return "SecRuleRemoveBy" + suffix(x.selector());
        }
        if (d instanceof UpdateTargetsDirective x) {
            return "SecRuleUpdateTargetBy" + suffix(x.selector());
        }
        return Map.of(RuleDirective.class, "SecRule", ActionDirective.class, "SecAction",
                MarkerDirective.class, "SecMarker", DefaultActionDirective.class, "SecDefaultAction",
                UpdateActionsDirective.class, "SecRuleUpdateActionById").get(d.getClass());
    }

    private static String suffix(RuleSelector selector) {
        return Map.of(RuleSelector.BY_ID, "Id", RuleSelector.BY_TAG, "Tag", RuleSelector.BY_MSG, "Msg").get(selector);
    }
}
