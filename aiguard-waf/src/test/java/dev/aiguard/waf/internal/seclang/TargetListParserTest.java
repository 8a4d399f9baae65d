package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetListParserTest {

    private static Target plain(String name) {
        return new Target(name, null, false, false, false);
    }

    private static Target key(String name, String key) {
        return new Target(name, key, false, false, false);
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("ARGS", List.of(plain("ARGS"))),
                Arguments.of("args|Request_Headers", List.of(plain("ARGS"), plain("REQUEST_HEADERS"))),
                Arguments.of("REQUEST_HEADERS:User-Agent", List.of(key("REQUEST_HEADERS", "User-Agent"))),
                Arguments.of("!REQUEST_HEADERS:Referer",
                        List.of(new Target("REQUEST_HEADERS", "Referer", false, false, true))),
                Arguments.of("&TX:foo", List.of(new Target("TX", "foo", false, true, false))),
                Arguments.of("&ARGS", List.of(new Target("ARGS", null, false, true, false))),
                Arguments.of("TX:/^header_name_920450_/", List.of(new Target("TX", "^header_name_920450_", true, false,
                        false))),
                Arguments.of("ARGS:/^(a|b):c$/|ARGS_NAMES", List.of(new Target("ARGS", "^(a|b):c$", true, false,
                        false), plain("ARGS_NAMES"))),
                Arguments.of("ARGS:/a\\/b/", List.of(new Target("ARGS", "a\\/b", true, false, false))),
                Arguments.of("ARGS:/a[/]b/", List.of(new Target("ARGS", "a[/]b", true, false, false))),
                Arguments.of("!ARGS_NAMES:/^[\\w]+\\[[\\w\\-]+\\]$/|ARGS",
                        List.of(new Target("ARGS_NAMES", "^[\\w]+\\[[\\w\\-]+\\]$", true, false, true), plain("ARGS"))),
                Arguments.of("REQUEST_HEADERS:'User Agent|x'", List.of(key("REQUEST_HEADERS", "User Agent|x"))),
                Arguments.of("ARGS:'it\\'s'", List.of(key("ARGS", "it's"))),
                Arguments.of("REQUEST_COOKIES:'/^_ga/'", List.of(new Target("REQUEST_COOKIES", "^_ga", true, false,
                        false))),
                Arguments.of("ARGS|XML:/*|XML://@*", List.of(plain("ARGS"), key("XML", "/*"), key("XML", "//@*"))),
                Arguments.of("XML:/a/b[@c='d']", List.of(key("XML", "/a/b[@c='d']"))),
                Arguments.of("TX:0|TX:DETECTION_PARANOIA_LEVEL", List.of(key("TX", "0"),
                        key("TX", "DETECTION_PARANOIA_LEVEL"))),
                Arguments.of(" ARGS | ARGS_NAMES ", List.of(plain("ARGS"), plain("ARGS_NAMES"))),
                Arguments.of("&MULTIPART_PART_HEADERS:_charset_",
                        List.of(new Target("MULTIPART_PART_HEADERS", "_charset_", false, true, false))));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void parsesTargetLists(String list, List<Target> expected) {
        assertThat(TargetListParser.parse(list)).containsExactlyElementsOf(expected);
    }
}
