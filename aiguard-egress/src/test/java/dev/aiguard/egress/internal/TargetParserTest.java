package dev.aiguard.egress.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://allowed.example@evil.example/ | evil.example | 80 | true",
            "http://allowed.example:443@evil.example:8080/x | evil.example | 8080 | true",
            "http://a@b@evil.example/ | evil.example | 80 | true",
            "http://google.com:80+&@127.88.23.245:22/#+@google.com:80/ | 127.88.23.245 | 22 | true",
            "http://google.com:80+&@google.com:80#+@127.88.23.245:22/ | google.com | 80 | true",
            "http://127.88.23.245:22/?@google.com:80/ | 127.88.23.245 | 22 | false",
            "http://127.88.23.245:22/#@www.google.com:80/ | 127.88.23.245 | 22 | false",
            "HTTPS://Example.COM | example.com | 443 | false",
            "https://example.com:/x | example.com | 443 | false",
            "http://[::1]:8080/ | [::1] | 8080 | false",
            "ws://example.com/socket | example.com | 80 | false",
            "wss://example.com/socket | example.com | 443 | false",
            "http://example.com:00080/ | example.com | 80 | false"
    })
    void theHostIsWhatTheConnectionGoesTo(String url, String host, int port, boolean userInfo) {
        Target t = TargetParser.parse(url);
        assertThat(t.host().uriText()).isEqualTo(host);
        assertThat(t.port()).isEqualTo(port);
        assertThat(t.hasUserInfo()).isEqualTo(userInfo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://google.com:80\\@127.88.23.245:22/", "http://google.com\\\\@evil/",
            "http://example.com/a\\b", "http://exa\tmple.com/", "http://example.com/\r\nX: y", "http:example.com",
            "//example.com/", "example.com", "http://example.com:65536/", "http://example.com:0/",
            "http://example.com:8o/", "http://[::1]x/", "http://", "http:///path", "1http://x/"})
    void ambiguousOrMalformedUrlsAreRejected(String url) {
        assertThatThrownBy(() -> TargetParser.parse(url)).isInstanceOf(TargetSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "dict://127.0.0.1:11211/",
            "ftp://example.com/", "jar:http://example.com!/x", "ldap://127.0.0.1/"})
    void otherSchemesAreUnsupported(String url) {
        assertThatThrownBy(() -> TargetParser.parse(url)).isInstanceOf(UnsupportedSchemeException.class);
    }

    @Test
    void requestTargetDropsFragmentAndEncodesWhatAUriCannotHold() {
        Target t = TargetParser.parse("http://example.com/latest/[ROLE NAME]/é?q=a b&x=%41%zz#frag");
        assertThat(t.pathAndQuery()).isEqualTo("/latest/%5BROLE%20NAME%5D/%C3%A9?q=a%20b&x=%41%25zz");
        assertThat(t.uri().toString()).isEqualTo("http://example.com/latest/%5BROLE%20NAME%5D/%C3%A9?q=a%20b&x=%41%25zz");
        assertThat(t.path()).isEqualTo("/latest/%5BROLE%20NAME%5D/%C3%A9");
    }

    @Test
    void emptyPathBecomesSlashAndQueryOnlyKeepsIt() {
        assertThat(TargetParser.parse("http://example.com").pathAndQuery()).isEqualTo("/");
        assertThat(TargetParser.parse("http://example.com?a=1").pathAndQuery()).isEqualTo("/?a=1");
    }

    @Test
    void pinnedUriKeepsPathAndAddressesTheIp() {
        Target t = TargetParser.parse("https://api.example.com/v1/chat?x=1");
        assertThat(t.uriFor(new IpAddress(new byte[] {(byte) 203, 0, 113, 7})).toString())
                .isEqualTo("https://203.0.113.7:443/v1/chat?x=1");
        assertThat(t.uriFor(new IpAddress(Ipv6Parser.parse("2001:db8::7"))).toString())
                .isEqualTo("https://[2001:db8::7]:443/v1/chat?x=1");
        assertThat(t.hostHeader()).isEqualTo("api.example.com");
        assertThat(TargetParser.parse("http://api.example.com:8080/").hostHeader()).isEqualTo("api.example.com:8080");
    }

    @Test
    void overlongUrlsAreRejected() {
        assertThatThrownBy(() -> TargetParser.parse("http://example.com/" + "a".repeat(9000)))
                .isInstanceOf(TargetSyntaxException.class);
    }
}
