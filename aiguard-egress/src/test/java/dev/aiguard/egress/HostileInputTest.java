package dev.aiguard.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the input, a check returns a decision: no exception escapes, and nothing odd is ever allowed. */
class HostileInputTest {

    private static final String ALPHABET = "ab0179xX.:/@[]%25#?\\ \t\u0000\u3002\uFF0E\u2460\u24EA\uD83D\uDE00é-_:f";
    private static final String[] PREFIXES = {"http://", "https://", "HTTP://", "ws://", "http:/", "http:", "",
            "gopher://"};

    private final EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().enforce().allow(EgressRule.anyHost())
            .build()).resolver(new SimulatedInternet()).build();

    @Test
    void randomUrlsNeverThrowAndOnlyPublicDestinationsAreAllowed() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder url = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                url.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            EgressDecision d = guard.check(url.toString());
            assertThat(d).isNotNull();
            if (d.allowed()) {
                assertThat(d.addresses()).as(url.toString()).isNotEmpty().allSatisfy(a -> assertThat(
                        a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                                || a.isAnyLocalAddress() || a.isMulticastAddress()).isFalse());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://%F0%9F%98%80.example/", "http://\uD83D\uDE00%2e.example/", "http://%ff/",
            "http://\uD800/", "http://[", "http://]", "http://@", "http://:80", "http://a:b:c/", "http://%/",
            "http://%2/", "http://xn--/", "http://xn--zz/"})
    void malformedHostsAreInvalidUrlDecisions(String url) {
        EgressDecision d = guard.check(url);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isIn(EgressReason.INVALID_URL, EgressReason.USERINFO, EgressReason.UNRESOLVABLE);
    }

    @Test
    void longHostilePartsAreBoundedDecisions() {
        assertThat(guard.check("http://" + "1.".repeat(3000) + "/").reason()).isEqualTo(EgressReason.INVALID_URL);
        assertThat(guard.check("http://" + "%41".repeat(2000) + "/").reason()).isEqualTo(EgressReason.INVALID_URL);
        assertThat(guard.check("http://[" + "1:".repeat(2000) + "]/").reason()).isEqualTo(EgressReason.INVALID_URL);
        assertThat(guard.check("http://example.com:" + "9".repeat(2000) + "/").reason())
                .isEqualTo(EgressReason.INVALID_URL);
    }
}
