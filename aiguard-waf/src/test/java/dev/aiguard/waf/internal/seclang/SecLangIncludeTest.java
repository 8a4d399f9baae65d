package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecLangIncludeTest {
    private final SecLangParser parser = new SecLangParser();

    @TempDir
    Path tmp;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SecLangIncludeTest.class.getResource("/seclang/" + name).toURI());
    }

    private static List<String> markers(List<Directive> directives) {
        return directives.stream().filter(MarkerDirective.class::isInstance)
                .map(d -> ((MarkerDirective) d).name()).toList();
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void includeGlobExpandsRelativeToTheIncludingFileInNameOrder() throws Exception {
        Path main = resource("include/main.conf");
        List<Directive> ds = parser.parseFile(main);
        assertThat(markers(ds)).containsExactly("MAIN-START", "A-1", "B-1", "B-2", "MAIN-END");
        assertThat(ds).extracting(d -> d.location().file().getFileName().toString() + ":" + d.location().line())
                .containsExactly("main.conf:2", "a.conf:2", "b.conf:1", "b.conf:3", "single.conf:1", "main.conf:5");
    }

    @Test
    void includeCycleIsAnErrorAtTheIncludeLine() throws Exception {
        Path a = resource("cycle/a.conf").toRealPath();
        Path b = a.resolveSibling("b.conf");
        assertThatThrownBy(() -> parser.parseFile(a))
                .isInstanceOf(SecLangException.class)
                .hasMessage(b + ":2: include cycle: " + a + " -> " + b + " -> " + a);
    }

    @Test
    void fileIncludingItselfIsACycle() throws Exception {
        Path self = write("self.conf", "SecMarker S\nInclude self.conf\n").toRealPath();
        assertThatThrownBy(() -> parser.parseFile(self))
                .hasMessage(self + ":2: include cycle: " + self + " -> " + self);
    }

    @Test
    void globMatchingNothingIsAnError() throws Exception {
        Path main = write("main.conf", "SecMarker X\nInclude rules/*.conf\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .isInstanceOf(SecLangException.class)
                .hasMessage(main + ":2: Include pattern 'rules/*.conf' matches no file");
    }

    @Test
    void missingIncludedFileIsAnError() throws Exception {
        Path main = write("main.conf", "Include \"missing.conf\"\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(main + ":1: included file 'missing.conf' does not exist");
    }

    @Test
    void includeOptionalToleratesMissingFilesAndEmptyGlobs() throws Exception {
        write("present.conf", "SecMarker PRESENT\n");
        Path main = write("main.conf", """
                IncludeOptional missing.conf
                IncludeOptional none/*.conf
                includeoptional present.conf
                """);
        assertThat(markers(parser.parseFile(main))).containsExactly("PRESENT");
    }

    @Test
    void includingADirectoryIsAnError() throws Exception {
        Files.createDirectories(tmp.resolve("rules"));
        Path main = write("main.conf", "Include rules\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(main + ":1: Include path 'rules' is a directory; include its files with a glob such as"
                        + " '*.conf'");
    }

    @Test
    void wildcardsInDirectoryNamesAreRejected() throws Exception {
        Path main = write("main.conf", "Include */x.conf\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(main + ":1: Include path '*/x.conf' has wildcards in a directory name; they are supported"
                        + " only in the file name");
    }

    @Test
    void malformedGlobIsAnError() throws Exception {
        Path main = write("main.conf", "Include [a.conf\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(main + ":1: invalid glob in Include path '[a.conf'");
    }

    @Test
    void includeTakesExactlyOnePath() throws Exception {
        Path main = write("main.conf", "Include a.conf b.conf\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(main + ":1: Include takes 1 argument, got 2: unexpected 'b.conf'");
    }

    @Test
    void absoluteIncludePathsWork() throws Exception {
        Path inc = write("sub/abs.conf", "SecMarker ABS\n");
        Path main = write("main.conf", "Include " + inc.toAbsolutePath() + "\n");
        assertThat(markers(parser.parseFile(main))).containsExactly("ABS");
    }

    @Test
    void errorsInsideAnIncludedFileNameThatFile() throws Exception {
        Path inc = write("rules/bad.conf", "SecMarker OK\nSecBogus 1\n");
        Path main = write("main.conf", "Include rules/*.conf\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(inc.toAbsolutePath() + ":2: unknown directive 'SecBogus'");
    }

    @Test
    void parseTextResolvesIncludesAgainstTheOriginDirectory() throws Exception {
        write("inc/x.conf", "SecMarker FROM-TEXT\n");
        List<Directive> ds = parser.parseText("Include inc/x.conf\n", tmp.resolve("virtual.conf"));
        assertThat(markers(ds)).containsExactly("FROM-TEXT");
    }

    @Test
    void deepIncludeChainsAreCut() throws Exception {
        int files = ParseRun.MAX_INCLUDE_DEPTH + 5;
        for (int i = 0; i < files; i++) {
            write("chain" + i + ".conf", "Include chain" + (i + 1) + ".conf\n");
        }
        write("chain" + files + ".conf", "SecMarker END\n");
        Path first = tmp.resolve("chain0.conf");
        Path last = tmp.resolve("chain" + (ParseRun.MAX_INCLUDE_DEPTH - 1) + ".conf");
        assertThatThrownBy(() -> parser.parseFile(first))
                .hasMessage(last + ":1: includes nested deeper than 32 files at 'chain32.conf'");
    }

    @Test
    void missingTopLevelFileIsReportedAtLineZero() {
        Path missing = tmp.resolve("nope.conf");
        assertThatThrownBy(() -> parser.parseFile(missing))
                .isInstanceOf(SecLangException.class)
                .hasMessage(missing + ":0: file does not exist or cannot be resolved");
    }

    @Test
    void topLevelDirectoryIsNotAFile() {
        assertThatThrownBy(() -> parser.parseFile(tmp))
                .hasMessage(tmp + ":0: file is not a regular file");
    }

    @Test
    void unreadableIncludedFileIsAnErrorAtTheIncludeLine() throws Exception {
        Path secret = write("secret.conf", "SecMarker SECRET\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: permissions do not make a file unreadable");
        Path main = write("main.conf", "Include secret.conf\n");
        assertThatThrownBy(() -> parser.parseFile(main))
                .hasMessage(main + ":1: included file '" + secret + "' cannot be read (AccessDeniedException)");
    }

    @Test
    void utf8ByteOrderMarkAtTheStartIsIgnored() throws Exception {
        Path file = tmp.resolve("bom.conf");
        Files.write(file, "\uFEFFSecMarker BOM\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(markers(parser.parseFile(file))).containsExactly("BOM");
        assertThat(markers(parser.parseText("\uFEFFSecMarker TEXT", tmp.resolve("t.conf")))).containsExactly("TEXT");
    }

    @Test
    void filesAreReadAsBytesOneCharPerByte() throws Exception {
        Path file = tmp.resolve("utf8.conf");
        Files.write(file, "SecRule ARGS \"@rx \u00e9\" \"id:1\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RuleDirective rule = (RuleDirective) parser.parseFile(file).get(0);
        assertThat(rule.operator().argument()).isEqualTo("\u00c3\u00a9");
    }
}
