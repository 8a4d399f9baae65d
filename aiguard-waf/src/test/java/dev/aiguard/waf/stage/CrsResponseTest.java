package dev.aiguard.waf.stage;

import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.ResponseGuard;
import dev.aiguard.api.Verdict;
import dev.aiguard.waf.internal.regex.CrsTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRS response rules (RESPONSE-950..956, outbound evaluation 959100) on real CRS rules (RE2/J), through the output
 * side of the {@code crs} stage: leaking responses of the shapes real servers produce, and answers that only talk about
 * the same things.
 */
class CrsResponseTest {

    private static Path crs;
    private static Guard strict;
    private static Guard audit;

    @BeforeAll
    static void loadCrs() throws PolicyException {
        crs = CrsTestData.crsDir().toAbsolutePath();
        strict = guard("strict");
        audit = guard("audit");
    }

    @AfterAll
    static void close() {
        if (strict != null) {
            strict.close();
            audit.close();
        }
    }

    private static Guard guard(String streaming) throws PolicyException {
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                    responses:
                      enabled: true
                      streaming: %s
                """.formatted(crs, streaming);
        return Guard.create(PolicyLoader.create().load("crs-response.yaml", yaml).toGuardConfig());
    }

    private static ResponseGuard open(Guard guard, String contentType) {
        Verdict v = guard.inspect(GuardRequest.builder().method("GET").uri("/api/users?id=7")
                .headers(Headers.of("Host", "api.example.com", "User-Agent", "Mozilla/5.0", "Accept", "*/*")).build());
        assertThat(v.allowed()).isTrue();
        return guard.responseGuard(v.exchange(), contentType);
    }

    static Stream<Arguments> leaks() {
        return Stream.of(
                Arguments.of("MySQL error", "text/html", "951",
                        "<p>You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
                                + "version for the right syntax to use near ''' at line 1</p>"),
                Arguments.of("PostgreSQL error", "text/html", "951",
                        "<b>Warning</b>: pg_query(): Query failed: ERROR:  unterminated quoted string at or near "
                                + "\"'\" LINE 1: SELECT * FROM users WHERE id = '''"),
                Arguments.of("SQL Server error", "text/html", "951",
                        "Microsoft OLE DB Provider for SQL Server error '80040e14' Unclosed quotation mark after the "
                                + "character string ''."),
                Arguments.of("Java stack trace", "text/plain", "952",
                        "java.lang.NullPointerException\n\tat com.example.users.UserService.find(UserService.java:42)\n"
                                + "\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)"),
                Arguments.of("PHP warning", "text/html", "953",
                        "<br />\n<b>Warning</b>:  include(/var/www/config.php): Failed to open stream: No such file or "
                                + "directory in <b>/var/www/html/index.php</b> on line <b>12</b><br />"),
                Arguments.of("PHP source", "text/html", "953",
                        "<?php\n$db_password = 'hunter2';\nmysqli_connect('localhost', 'root', $db_password);\n?>"),
                Arguments.of("IIS error", "text/html", "954",
                        "<h2> <i>Runtime Error</i> </h2></span><b> Description: </b>An application error occurred on the "
                                + "server. [HttpException (0x80004005)]: Server Error in '/' Application."),
                Arguments.of("directory listing", "text/html", "950",
                        "<html><head><title>Index of /backup</title></head><body><h1>Index of /backup</h1><pre>"
                                + "<a href=\"../\">Parent Directory</a>\n<a href=\"db.sql\">db.sql</a></pre></body></html>"),
                Arguments.of("web shell", "text/html", "955",
                        "<html><head><title>r57 Shell Version 1.31</title></head><body>safe_mode: OFF uname -a</body></html>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaks")
    void aLeakingResponseIsStoppedBeforeItLeavesInStrictMode(String what, String type, String family, String body) {
        ResponseGuard rg = open(strict, type);
        OutputChunk first = rg.write(body.getBytes(StandardCharsets.UTF_8), 0, body.length());
        OutputChunk end = first.cut() ? first : rg.finish();

        assertThat(first.data()).as("strict holds the body until it is evaluated").isEmpty();
        assertThat(end.cut()).isTrue();
        assertThat(end.data()).isEmpty();
        assertThat(end.block().reason()).isEqualTo("waf.crs.response");
        // The rules that made the outbound score: the family's own, sometimes with a generic 950 rule beside it.
        assertThat(end.block().ruleIds()).anyMatch(id -> id.startsWith(family)).allMatch(id -> id.startsWith("95"));
        assertThat(rg.findings()).extracting(Finding::ruleId).contains("959100");
        assertThat(rg.findings()).filteredOn(f -> f.ruleId().startsWith(family))
                .allSatisfy(f -> assertThat(f.tags()).contains("output"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaks")
    void aLeakingResponseIsReportedAfterPassingInAuditMode(String what, String type, String family, String body) {
        ResponseGuard rg = open(audit, type);
        OutputChunk first = rg.write(body.getBytes(StandardCharsets.UTF_8), 0, body.length());
        OutputChunk end = rg.finish();

        assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(end.cut()).isTrue();
        assertThat(rg.findings()).extracting(Finding::ruleId).anyMatch(id -> id.startsWith(family));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"The capital of France is Paris.\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"To list users, run SELECT name FROM users WHERE id = 1; in psql.\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"A null pointer exception happens when code dereferences a null reference.\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"PHP is a scripting language; its files usually end in .php.\"}}]}",
            "{\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"owned_by\":\"system\"}],\"object\":\"list\"}"})
    void ordinaryAnswersPassUntouched(String body) {
        ResponseGuard rg = open(strict, "application/json");
        OutputChunk first = rg.write(body.getBytes(StandardCharsets.UTF_8), 0, body.length());
        OutputChunk end = rg.finish();

        assertThat(end.cut()).isFalse();
        assertThat(new String(first.data(), StandardCharsets.UTF_8) + new String(end.data(), StandardCharsets.UTF_8))
                .isEqualTo(body);
        assertThat(rg.findings()).isEmpty();
    }
}
