package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizePathTest {

    /** ModSecurity's own normalisePath tests, then its quirks around segments ending in "..". */
    static Stream<Arguments> normalizePath() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("/foo/bar/baz", "/foo/bar/baz"),
                Arguments.of("/foo/bar\0/baz", "/foo/bar\0/baz"),
                Arguments.of("x", "x"),
                Arguments.of(".", ""),
                Arguments.of("./", ""),
                Arguments.of("./..", ".."),
                Arguments.of("./../", "../"),
                Arguments.of("..", ".."),
                Arguments.of("../", "../"),
                Arguments.of("../.", ".."),
                Arguments.of(".././", "../"),
                Arguments.of("../..", "../.."),
                Arguments.of("../../", "../../"),
                Arguments.of("/dir/foo//bar", "/dir/foo/bar"),
                Arguments.of("dir/foo//bar/", "dir/foo/bar/"),
                Arguments.of("dir/../foo", "foo"),
                Arguments.of("dir/../../foo", "../foo"),
                Arguments.of("dir/./.././../../foo/bar", "../../foo/bar"),
                Arguments.of("dir/./.././../../foo/bar/.", "../../foo/bar"),
                Arguments.of("dir/./.././../../foo/bar/./", "../../foo/bar/"),
                Arguments.of("dir/./.././../../foo/bar/..", "../../foo"),
                Arguments.of("dir/./.././../../foo/bar/../", "../../foo/"),
                Arguments.of("dir/./.././../../foo/bar/", "../../foo/bar/"),
                Arguments.of("dir//.//..//.//..//..//foo//bar", "../../foo/bar"),
                Arguments.of("dir//.//..//.//..//..//foo//bar//", "../../foo/bar/"),
                Arguments.of("dir/subdir/subsubdir/subsubsubdir/../../..", "dir"),
                Arguments.of("dir/./subdir/./subsubdir/./subsubsubdir/../../..", "dir"),
                Arguments.of("dir/./subdir/../subsubdir/../subsubsubdir/..", "dir"),
                Arguments.of("/dir/./subdir/../subsubdir/../subsubsubdir/../", "/dir/"),
                Arguments.of("/./.././../../../../../../../\0/../etc/./passwd", "/etc/passwd"),
                Arguments.of("/", "/"),
                Arguments.of("//", "/"),
                Arguments.of("/..", ""),
                Arguments.of("/.", ""),
                Arguments.of("/../etc/passwd", "/etc/passwd"),
                Arguments.of("/a/b/..", "/a"),
                Arguments.of("a//", "a/"),
                Arguments.of("a\\..\\b", "a\\..\\b"),
                Arguments.of("foo../bar", "bar"),
                Arguments.of("/a/.../b", "/a/b"),
                Arguments.of("/etc/passwd..", "/etc"),
                Arguments.of("x../y", "x../y"),
                Arguments.of(".../y", ".../y"),
                Arguments.of("../a/../..", ""),
                Arguments.of("a./b", "a./b"));
    }

    @ParameterizedTest
    @MethodSource("normalizePath")
    void normalizePathResolvesDotSegmentsLikeModSecurity(String input, String expected) {
        assertThat(apply("normalizePath", input)).isEqualTo(expected);
    }

    /** ModSecurity's own normalisePathWin tests. */
    static Stream<Arguments> normalizePathWin() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("\\foo\\bar\\baz", "/foo/bar/baz"),
                Arguments.of("\\foo\\bar\0\\baz", "/foo/bar\0/baz"),
                Arguments.of("x", "x"),
                Arguments.of(".", ""),
                Arguments.of(".\\", ""),
                Arguments.of(".\\..", ".."),
                Arguments.of(".\\..\\", "../"),
                Arguments.of("..", ".."),
                Arguments.of("..\\", "../"),
                Arguments.of("..\\.", ".."),
                Arguments.of("..\\.\\", "../"),
                Arguments.of("..\\..", "../.."),
                Arguments.of("..\\..\\", "../../"),
                Arguments.of("\\dir\\foo\\\\bar", "/dir/foo/bar"),
                Arguments.of("dir\\foo\\\\bar\\", "dir/foo/bar/"),
                Arguments.of("dir\\..\\foo", "foo"),
                Arguments.of("dir\\..\\..\\foo", "../foo"),
                Arguments.of("dir\\.\\..\\.\\..\\..\\foo\\bar", "../../foo/bar"),
                Arguments.of("dir\\.\\..\\.\\..\\..\\foo\\bar\\.", "../../foo/bar"),
                Arguments.of("dir\\.\\..\\.\\..\\..\\foo\\bar\\.\\", "../../foo/bar/"),
                Arguments.of("dir\\.\\..\\.\\..\\..\\foo\\bar\\..", "../../foo"),
                Arguments.of("dir\\.\\..\\.\\..\\..\\foo\\bar\\..\\", "../../foo/"),
                Arguments.of("dir\\.\\..\\.\\..\\..\\foo\\bar\\", "../../foo/bar/"),
                Arguments.of("dir\\\\.\\\\..\\\\.\\\\..\\\\..\\\\foo\\\\bar", "../../foo/bar"),
                Arguments.of("dir\\\\.\\\\..\\\\.\\\\..\\\\..\\\\foo\\\\bar\\\\", "../../foo/bar/"),
                Arguments.of("dir\\subdir\\subsubdir\\subsubsubdir\\..\\..\\..", "dir"),
                Arguments.of("dir\\.\\subdir\\.\\subsubdir\\.\\subsubsubdir\\..\\..\\..", "dir"),
                Arguments.of("dir\\.\\subdir\\..\\subsubdir\\..\\subsubsubdir\\..", "dir"),
                Arguments.of("\\dir\\.\\subdir\\..\\subsubdir\\..\\subsubsubdir\\..\\", "/dir/"),
                Arguments.of("\\.\\..\\.\\..\\..\\..\\..\\..\\..\\..\\\\0\\..\\etc\\.\\passwd", "/etc/passwd"),
                Arguments.of("/a\\b/../c", "/a/c"),
                Arguments.of("C:\\Windows\\..\\boot.ini", "C:/boot.ini"));
    }

    @ParameterizedTest
    @MethodSource("normalizePathWin")
    void normalizePathWinTreatsBackslashesAsSlashes(String input, String expected) {
        assertThat(apply("normalizePathWin", input)).isEqualTo(expected);
    }
}
