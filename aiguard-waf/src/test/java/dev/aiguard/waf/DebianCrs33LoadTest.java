package dev.aiguard.waf;

import dev.aiguard.waf.internal.regex.HyperscanAvailability;
import dev.aiguard.waf.internal.regex.RegexEngine;
import dev.aiguard.waf.internal.regex.RegexEngines;
import dev.aiguard.waf.internal.seclang.Directive;
import dev.aiguard.waf.internal.seclang.RuleDirective;
import dev.aiguard.waf.internal.seclang.SecLangParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP CRS 3.3 as Debian packages it ({@code apt-get install modsecurity-crs}) loads without errors on every
 * regex engine, and scores requests as CRS 3.3 does. Files are loaded in the order of the package's
 * {@code owasp-crs.load}. Five of its patterns need the bounded backtracking fallback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebianCrs33LoadTest {

    private static final Path CRS = Path.of("/usr/share/modsecurity-crs");
    private static final Path ETC = Path.of("/etc/modsecurity/crs");

    private final Map<String, SecLangEngine> engines = new LinkedHashMap<>();

    @BeforeAll
    void load() {
        Assumptions.assumeTrue(Files.isDirectory(CRS.resolve("rules")) && setupFile() != null,
                "Debian's CRS 3.3 not found in " + CRS + " (with crs-setup.conf in " + ETC
                        + "): apt-get install modsecurity-crs");
        for (String kind : engineKinds()) {
            engines.put(kind, build(kind));
        }
    }

    static List<String> engineKinds() {
        return HyperscanAvailability.current().available() ? List.of("re2j", "hyperscan") : List.of("re2j");
    }

    private static Path setupFile() {
        for (Path p : List.of(CRS.resolve("crs-setup.conf.example"), ETC.resolve("crs-setup.conf"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The files, in the order owasp-crs.load includes them. */
    private static List<Path> sources() {
        List<Path> files = new ArrayList<>();
        files.add(setupFile());
        Path before = ETC.resolve("REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf");
        if (Files.isRegularFile(before)) {
            files.add(before);
        }
        try (Stream<Path> rules = Files.list(CRS.resolve("rules"))) {
            rules.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path after = ETC.resolve("RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf");
        if (Files.isRegularFile(after)) {
            files.add(after);
        }
        return files;
    }

    /**
     * Blocking at paranoia level 1, the CRS default, while the level-2 rules also run and log (CRS 3.3's
     * {@code executing_paranoia_level}): one load per engine covers rule 942130, a level-2 rule.
     */
    private static SecLangEngine build(String kind) {
        return SecLangEngine.builder().regexEngine(kind)
                .ruleText("SecRuleEngine On\nSecRequestBodyAccess On\n", "engine.conf")
                .rules(sources().toArray(Path[]::new))
                .txVariable("paranoia_level", "1")
                .txVariable("executing_paranoia_level", "2")
                .build();
    }

    @Test
    void everyEngineLoadsTheSameRules() {
        assertThat(engines.values()).allSatisfy(e -> assertThat(e.ruleCount()).isGreaterThan(500));
        assertThat(engines.values().stream().map(SecLangEngine::ruleCount).distinct()).hasSize(1);
    }

    @Test
    void exactlyThePcreOnlyPatternsUseTheFallback() throws IOException {
        SecLangParser parser = new SecLangParser();
        List<Directive> directives = new ArrayList<>();
        for (Path file : sources()) {
            directives.addAll(parser.parseFile(file));
        }
        try (RegexEngine regex = RegexEngines.select("re2j")) {
            directives.stream().filter(d -> d instanceof RuleDirective r && r.operator().name().equals("rx"))
                    .forEach(d -> regex.compile(((RuleDirective) d).operator().argument()));
            assertThat(FallbackRuleReport.rulesOnFallback(directives, regex))
                    .extracting(s -> s.substring(0, s.indexOf(' ')))
                    .containsExactly("920120", "920600", "942130", "942260", "953120");
        }
    }

    static Stream<String> kinds() {
        return engineKinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sqlInjectionInAQueryArgumentIsScoredAndBlocked(String kind) {
        WafResult r = run(kind, get("/search?q=1%27%20OR%20%271%27%3D%271%27%20--%20", ACCEPT_HTML));
        assertThat(ids(r)).contains(942100);
        assertThat(anomalyScore(r)).isGreaterThanOrEqualTo(5);
        assertThat(r.txVariables().get("sql_injection_score")).isNotEqualTo("0");
        assertThat(r.interruption()).hasValueSatisfying(i -> assertThat(i.ruleId()).isEqualTo(949110));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void crossSiteScriptingIsScoredAndBlocked(String kind) {
        WafResult r = run(kind, get("/search?q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E", ACCEPT_HTML));
        assertThat(ids(r)).contains(941100, 941110);
        assertThat(anomalyScore(r)).isGreaterThanOrEqualTo(10);
        assertThat(r.txVariables().get("xss_score")).isNotEqualTo("0");
        assertThat(r.interruption()).hasValueSatisfying(i -> assertThat(i.ruleId()).isEqualTo(949110));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void benignRequestScoresZero(String kind) {
        WafResult r = run(kind, get("/products?id=42&sort=price&q=blue+shoes", ACCEPT_HTML));
        assertThat(anomalyScore(r)).isZero();
        assertThat(r.loggedRules()).isEmpty();
        assertThat(r.interruption()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void possessiveAcceptPatternOf920600FlagsOnlyUnknownCharsets(String kind) {
        assertThat(ids(run(kind, get("/", "text/html;charset=utf-8, */*;q=0.1")))).doesNotContain(920600);
        assertThat(ids(run(kind, get("/", "text/html;charset=utf-7")))).contains(920600);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void lookbehindOf920120AllowsEntitiesInFileNames(String kind) {
        assertThat(ids(run(kind, upload("caf&eacute;.txt")))).doesNotContain(920120);
        assertThat(ids(run(kind, upload("it's;x.txt")))).contains(920120);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void backReferenceTautologyRule942130FiresAtParanoiaLevel2(String kind) {
        assertThat(ids(run(kind, get("/search?q=x%27%20or%20%27abc%27%3D%27abc", ACCEPT_HTML)))).contains(942130);
        assertThat(ids(run(kind, get("/search?q=x%27%20or%20%27abc%27%3D%27abd", ACCEPT_HTML))))
                .doesNotContain(942130);
    }

    private static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private WafResult run(String kind, WafRequest request) {
        return engines.get(kind).newTransaction(request).processRequest();
    }

    private static List<Integer> ids(WafResult r) {
        return r.loggedRules().stream().map(MatchedRule::id).toList();
    }

    private static int anomalyScore(WafResult r) {
        return Integer.parseInt(r.txVariables().getOrDefault("anomaly_score", "0"));
    }

    private static WafRequest get(String uri, String accept) {
        return new WafRequest("GET", uri, "HTTP/1.1", List.of(new HttpHeader("Host", "example.com"),
                new HttpHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"), new HttpHeader("Accept", accept)),
                "198.51.100.7", 40000, "example.com", 443, null);
    }

    private static WafRequest upload(String fileName) {
        String boundary = "----b0undary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return new WafRequest("POST", "/upload", "HTTP/1.1", List.of(new HttpHeader("Host", "example.com"),
                new HttpHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"), new HttpHeader("Accept", ACCEPT_HTML),
                new HttpHeader("Content-Type", "multipart/form-data; boundary=" + boundary),
                new HttpHeader("Content-Length", Integer.toString(bytes.length))),
                "198.51.100.7", 40000, "example.com", 443, bytes);
    }
}
