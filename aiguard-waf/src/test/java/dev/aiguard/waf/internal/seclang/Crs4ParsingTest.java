package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses all of OWASP CRS v4.28 and checks the counts measured in {@code crs/FEATURES.md}
 * (sections 1, 3 and 5), which were obtained with an independent lexer.
 */
class Crs4ParsingTest {
    private static Path crs;
    private static List<Directive> rules;
    private static List<Directive> setup;

    @BeforeAll
    static void parseCrs(@TempDir Path tmp) throws IOException {
        crs = CrsDirs.crs4();
        Path main = tmp.resolve("main.conf");
        Files.writeString(main, "Include " + crs.resolve("rules") + "/*.conf\n");
        rules = new SecLangParser().parseFile(main);
        setup = new SecLangParser().parseFile(crs.resolve("crs-setup.conf.example"));
    }

    @Test
    void everyRuleFileIsIncludedInNameOrder() throws IOException {
        List<String> filesSeen = rules.stream().map(d -> d.location().file().getFileName().toString())
                .distinct().toList();
        try (Stream<Path> files = Files.list(crs.resolve("rules"))) {
            List<String> expected = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".conf")).sorted().toList();
            assertThat(filesSeen).containsExactlyElementsOf(expected).hasSize(27);
        }
    }

    @Test
    void statementCountsMatchFeatures() {
        assertThat(count(RuleDirective.class)).isEqualTo(695);
        assertThat(count(ActionDirective.class)).isEqualTo(7);
        assertThat(count(MarkerDirective.class)).isEqualTo(30);
        assertThat(rules.stream().filter(d -> d instanceof RuleDirective || d instanceof ActionDirective))
                .hasSize(702);
        assertThat(rules.stream().filter(d -> d instanceof SettingDirective s
                && s.name().equals("SecComponentSignature") && s.value().equals("OWASP_CRS/4.28.0"))).hasSize(1);
    }

    @Test
    void rulesWithAnIdMatchFeatures() {
        long secRulesWithId = rules.stream().filter(d -> d instanceof RuleDirective r && has(r.actions(), "id"))
                .count();
        long secActionsWithId = rules.stream().filter(d -> d instanceof ActionDirective a && has(a.actions(), "id"))
                .count();
        assertThat(secRulesWithId).isEqualTo(622);
        assertThat(secActionsWithId).isEqualTo(7);
        assertThat(statements().filter(a -> has(a, "chain"))).hasSize(73);
    }

    @Test
    void request999HoldsOnly55UpdateTargetByIdDirectives() {
        List<Directive> in999 = rules.stream()
                .filter(d -> d.location().file().getFileName().toString().startsWith("REQUEST-999")).toList();
        assertThat(in999).hasSize(55).allSatisfy(d -> assertThat(d).isInstanceOf(UpdateTargetsDirective.class));
        UpdateTargetsDirective first = (UpdateTargetsDirective) in999.get(0);
        assertThat(first.selector()).isEqualTo(RuleSelector.BY_ID);
        assertThat(first.value()).isEqualTo("932240");
        assertThat(first.targets()).containsExactly(
                new Target("REQUEST_COOKIES", "^_ga(?:_\\w+)?$", true, false, true));
        assertThat(first.replaced()).isNull();
    }

    @Test
    void topLevelRulesPerPhaseMatchFeatures() {
        Map<String, Long> perPhase = new TreeMap<>(statements().filter(a -> has(a, "id"))
                .map(a -> value(a, "phase")).collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        assertThat(perPhase).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("1", 172L, "2", 292L, "3", 43L, "4", 109L, "5", 13L)));
    }

    @Test
    void operatorCountsMatchFeatures() {
        Map<String, Long> uses = rules.stream().filter(RuleDirective.class::isInstance).map(RuleDirective.class::cast)
                .collect(Collectors.groupingBy(r -> r.operator().name(), TreeMap::new, Collectors.counting()));
        Map<String, Long> expected = new TreeMap<>();
        expected.putAll(Map.of("rx", 318L, "lt", 190L, "eq", 53L, "ge", 42L, "pmFromFile", 21L, "gt", 15L,
                "pm", 12L, "streq", 9L, "within", 9L, "endsWith", 6L));
        expected.putAll(Map.of("validateByteRange", 6L, "contains", 4L, "ipMatch", 2L, "detectSQLi", 2L,
                "detectXSS", 2L, "unconditionalMatch", 1L, "validateUtf8Encoding", 1L,
                "validateUrlEncoding", 1L, "beginsWith", 1L));
        assertThat(uses).containsExactlyEntriesOf(expected);
    }

    @Test
    void negatedOperatorCountsMatchFeatures() {
        Map<String, Long> negated = rules.stream().filter(RuleDirective.class::isInstance)
                .map(RuleDirective.class::cast).filter(r -> r.operator().negated())
                .collect(Collectors.groupingBy(r -> r.operator().name(), TreeMap::new, Collectors.counting()));
        assertThat(negated).containsExactlyEntriesOf(new TreeMap<>(Map.of("rx", 21L, "lt", 1L, "eq", 4L,
                "pmFromFile", 1L, "pm", 2L, "streq", 2L, "within", 6L, "endsWith", 3L, "validateByteRange", 1L,
                "beginsWith", 1L)));
    }

    @Test
    void actionCountsMatchFeatures() {
        assertThat(statements().filter(a -> has(a, "severity"))).hasSize(346);
        assertThat(statements().filter(a -> has(a, "multimatch"))).hasSize(8);
        assertThat(statements().filter(a -> has(a, "capture"))).hasSize(279);
        assertThat(statements().filter(a -> has(a, "skipafter"))).hasSize(206);
        assertThat(statements().filter(a -> has(a, "setvar"))).hasSize(427);
        assertThat(statements().mapToLong(a -> a.stream().filter(x -> x.name().equals("setvar")).count()).sum())
                .isEqualTo(683);
        assertThat(statements().filter(a -> has(a, "t"))).hasSize(437);
        // FEATURES counts these two as occurrences: three 934xxx rules list t:urlDecodeUni twice
        assertThat(occurrences(new ActionSpec("t", "none"))).isEqualTo(431);
        assertThat(occurrences(new ActionSpec("t", "urlDecodeUni"))).isEqualTo(140);
        assertThat(statements().filter(a -> a.contains(new ActionSpec("t", "urlDecodeUni")))).hasSize(137);
        assertThat(statements().filter(a -> has(a, "ctl"))).hasSize(8);
    }

    @Test
    void xmlTargetsKeepTheirXPath() {
        long xml = rules.stream().filter(RuleDirective.class::isInstance).map(RuleDirective.class::cast)
                .flatMap(r -> r.targets().stream()).filter(t -> t.collection().equals("XML")).count();
        assertThat(xml).isEqualTo(351);
        assertThat(rules.stream().filter(RuleDirective.class::isInstance).map(RuleDirective.class::cast)
                .flatMap(r -> r.targets().stream()).filter(t -> t.collection().equals("XML"))
                .map(Target::key).distinct()).containsExactlyInAnyOrder("/*", "//@*");
    }

    @Test
    void messagesWithEscapedQuotesAreUnescaped() {
        assertThat(statements().map(a -> value(a, "msg")).filter(Objects::nonNull))
                .contains("lama's'hell web shell",
                        "Request header x-up-devcap-post-charset detected in combination with prefix 'UP' to"
                                + " User-Agent");
    }

    @Test
    void setupExampleHasFiveDefaultActionsAndTheVersionAction() {
        assertThat(setup).hasSize(6);
        assertThat(setup.subList(0, 5)).allSatisfy(d -> assertThat(d).isInstanceOf(DefaultActionDirective.class));
        assertThat(((DefaultActionDirective) setup.get(0)).actions()).containsExactly(
                new ActionSpec("phase", "1"), new ActionSpec("log", null), new ActionSpec("auditlog", null),
                new ActionSpec("pass", null));
        ActionDirective version = (ActionDirective) setup.get(5);
        assertThat(version.actions()).contains(new ActionSpec("id", "900990"),
                new ActionSpec("setvar", "tx.crs_setup_version=4280"));
    }

    @Test
    void exclusionTemplatesContainOnlyComments() {
        SecLangParser parser = new SecLangParser();
        assertThat(parser.parseFile(crs.resolve("rules/REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf.example")))
                .isEmpty();
        assertThat(parser.parseFile(crs.resolve("rules/RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf.example")))
                .isEmpty();
    }

    private static long count(Class<? extends Directive> type) {
        return rules.stream().filter(type::isInstance).count();
    }

    /** The action lists of all SecRule and SecAction statements. */
    private static Stream<List<ActionSpec>> statements() {
        return rules.stream().map(d -> d instanceof RuleDirective r ? r.actions()
                : d instanceof ActionDirective a ? a.actions() : null).filter(Objects::nonNull);
    }

    private static long occurrences(ActionSpec action) {
        return statements().mapToLong(a -> a.stream().filter(action::equals).count()).sum();
    }

    private static boolean has(List<ActionSpec> actions, String name) {
        return actions.stream().anyMatch(a -> a.name().equals(name));
    }

    private static String value(List<ActionSpec> actions, String name) {
        return actions.stream().filter(a -> a.name().equals(name)).map(ActionSpec::value).findFirst().orElse(null);
    }
}
