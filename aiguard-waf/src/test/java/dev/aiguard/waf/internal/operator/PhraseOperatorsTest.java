package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.CrsTestData;
import dev.aiguard.waf.internal.regex.Re2jEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhraseOperatorsTest {

    @TempDir
    Path dir;

    private OperatorEnv env() {
        return new OperatorEnv(dir, new Re2jEngine());
    }

    @ParameterizedTest(name = "[{index}] @pm ''{0}'' on ''{1}'' -> {2}")
    @CsvSource(quoteCharacter = '\'', value = {
            "'gzip compress deflate br zstd', 'GZIP, deflate',     gzip",
            "'gzip compress deflate br zstd', 'identity',          ",
            "'( )',                          'f(x)',               (",
            "'?>',                           'a ?> b',             ?>",
            "'document.cookie .innerhtml',   'x.innerHTML=1',      .innerhtml",
            "'AppleWebKit Android',          'Mozilla (android)',  Android",
            "'<!-- <![cdata[',               'a<![CDATA[b',        <![cdata[",
    })
    void pmMatchesAnyPhraseCaseInsensitivelyAndCapturesIt(String phrases, String value, String expected) {
        Operator pm = Operators.create("pm", phrases, env());
        RecordingContext context = RecordingContext.capturing();
        assertThat(pm.evaluate(value, context)).isEqualTo(expected != null);
        if (expected != null) {
            assertThat(context.captures).containsExactly(List.of(expected));
        }
    }

    @Test
    void pmDoesNotCaptureWithoutTheCaptureAction() {
        RecordingContext context = RecordingContext.plain();
        assertThat(Operators.create("pm", "abc", env()).evaluate("xabcx", context)).isTrue();
        assertThat(context.captures).isEmpty();
    }

    @Test
    void pmFromFileReadsPhrasesCommentsAndSeveralFiles() throws IOException {
        Files.writeString(dir.resolve("a.data"), "# comment\n\n/etc/passwd\r\n  boot.ini  \n#not-a-phrase\n");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.write(sub.resolve("b.data"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Operator pmf = Operators.create("pmFromFile", "a.data sub/b.data", env());
        assertThat(pmf.evaluate("GET /../../ETC/PASSWD", RecordingContext.plain())).isTrue();
        assertThat(pmf.evaluate("c:\\boot.ini", RecordingContext.plain())).isTrue();
        assertThat(pmf.evaluate("caf\u00e9", RecordingContext.plain())).isTrue();
        assertThat(pmf.evaluate("not-a-phrase comment", RecordingContext.plain())).isFalse();
        assertThat(Operators.create("pmf", sub.resolve("b.data").toString(), env())
                .evaluate("CAF\u00e9", RecordingContext.plain())).isTrue();
    }

    @Test
    void pmFromFileFailsClearlyForMissingOrRemoteFiles() {
        assertThatThrownBy(() -> Operators.create("pmFromFile", "missing.data", env()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.data");
        assertThatThrownBy(() -> Operators.create("pmFromFile", "https://example.com/x.data", env()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remote");
        assertThatThrownBy(() -> Operators.create("pmFromFile", " ", env()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file name");
        assertThatThrownBy(() -> Operators.create("pm", "  ", env()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phrase");
    }

    @Test
    void allCrsPhraseFilesLoadAndEveryPhraseMatchesItself() throws IOException {
        Path rules = CrsTestData.crsDir().resolve("rules");
        List<Path> files;
        try (Stream<Path> list = Files.list(rules)) {
            files = list.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        }
        assertThat(files).hasSize(21);
        OperatorEnv crs = new OperatorEnv(rules, new Re2jEngine());
        int total = 0;
        for (Path file : files) {
            List<String> phrases = PhraseFiles.load(rules, file.getFileName().toString());
            Operator pmf = Operators.create("pmFromFile", file.getFileName().toString(), crs);
            for (String phrase : phrases) {
                assertThat(pmf.evaluate("<<" + asciiUpper(phrase) + ">>", RecordingContext.plain()))
                        .as("%s: %s", file.getFileName(), phrase).isTrue();
            }
            total += phrases.size();
        }
        assertThat(total).isBetween(6_000, 6_400);
        Operator userAgents = Operators.create("pmFromFile", "scanners-user-agents.data", crs);
        RecordingContext context = RecordingContext.capturing();
        assertThat(userAgents.evaluate("Mozilla/5.0 (compatible; Nikto/2.1.6)", context)).isTrue();
        assertThat(context.captures.get(0).get(0)).isEqualToIgnoringCase("nikto");
        assertThat(userAgents.evaluate("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", RecordingContext.plain()))
                .isFalse();
    }

    private static String asciiUpper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return out.toString();
    }
}
