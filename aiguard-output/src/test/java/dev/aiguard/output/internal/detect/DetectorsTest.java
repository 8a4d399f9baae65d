package dev.aiguard.output.internal.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every built-in detector on real-shaped samples and on look-alikes that must not trigger. */
class DetectorsTest {

    private static final String GH_RANDOM = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1";

    static String githubToken() {
        return "ghp_" + GH_RANDOM + Checks.githubCrc(GH_RANDOM);
    }

    static String jwt(String header) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"sub\":\"1234567890\",\"name\":\"Jane\"}".getBytes(StandardCharsets.UTF_8))
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    }

    static String googleKey() {
        return "AIza" + "SyD4k9QmZ2xW7vB1nR8tL3pJ6hF0cG5eYaQ".substring(0, 35);
    }

    static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq9Xw3kLmN2pQ8rS4tU6vW0xY1zA3bC5dE7fG9hJ0kL2mN4\n"
            + "pQ6rS8tU0vW2xY4zA6bC8dE0fG2hJ4kL6mN8pQ0rS2tU4vW6xY8zA0bC2dE4fG6h\n-----END RSA PRIVATE KEY-----";

    static Stream<Arguments> positives() {
        return Stream.of(
                Arguments.of("AKIAIOSFODNN7EXAMPLE", "secret.aws_access_key"),
                Arguments.of("ASIAY34FZKBOKMUTVV7A", "secret.aws_access_key"),
                Arguments.of(githubToken(), "secret.github_token"),
                Arguments.of("github_pat_11ABCDEFG0aB3dE5gH7jK9_" + ("mN1pQ3sT5vW7yZ9bC1dF3gH5jK7lM9nP1qR3sT5uV7wX9yZ1aB3cD5eF7gH9jK1lM3nP5").substring(0, 59), "secret.github_token"),
                Arguments.of("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "secret.slack_token"),
                Arguments.of("https://hooks.slack.com/services/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", "secret.slack_token"),
                Arguments.of("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "secret.stripe_key"),
                Arguments.of(googleKey(), "secret.google_api_key"),
                Arguments.of("sk-proj-Xk3vQ9pL2mN8rT5wY7zA1bC4dE6fG0hJ", "secret.openai_key"),
                Arguments.of("sk-ant-api03-Xk3vQ9pL2mN8rT5wY7zA1bC4dE6fG0hJXk3vQ9pL2mN8rT5wY7zA1bC4dE6fG0hJ", "secret.openai_key"),
                Arguments.of(PEM, "secret.private_key"),
                Arguments.of(jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), "secret.jwt"),
                Arguments.of("jane.doe+ai@example.co.uk", "pii.email"),
                Arguments.of("+1 415 555 2671", "pii.phone"),
                Arguments.of("+44 20 7946 0958", "pii.phone"),
                Arguments.of("(415) 555-2671", "pii.phone"),
                Arguments.of("4111 1111 1111 1111", "pii.payment_card"),
                Arguments.of("5555555555554444", "pii.payment_card"),
                Arguments.of("3782-822463-10005", "pii.payment_card"),
                Arguments.of("DE89 3704 0044 0532 0130 00", "pii.iban"),
                Arguments.of("GB82WEST12345698765432", "pii.iban"),
                Arguments.of("123-45-6789", "pii.us_ssn"),
                Arguments.of("AB 12 34 56 C", "pii.uk_nino"),
                Arguments.of("12345678Z", "pii.es_dni"),
                Arguments.of("X1234567L", "pii.es_dni"));
    }

    static Stream<Arguments> lookAlikes() {
        return Stream.of(
                Arguments.of("AKIAIOSFODNN7EXAMP1E", "AWS shape with a digit outside base32"),
                Arguments.of("xAKIAIOSFODNN7EXAMPLEx", "AWS shape inside a longer token"),
                Arguments.of("ghp_" + GH_RANDOM + "000000", "GitHub token with a wrong CRC32 checksum"),
                Arguments.of("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "GitHub shape, no checksum"),
                Arguments.of("xoxb-000000-aaaaaaaaaaaa", "Slack shape with no randomness"),
                Arguments.of("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "Stripe placeholder"),
                Arguments.of("sk-this-is-not-a-real-key-at-all", "OpenAI prefix on prose"),
                Arguments.of("sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "OpenAI placeholder"),
                Arguments.of("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----", "public key"),
                Arguments.of(jwt("{\"nota\":\"jwt\"}"), "three base64url parts without a JWT header"),
                Arguments.of("eyJhbGciOiJIUzI1NiJ9", "a lone JWT header"),
                Arguments.of("contact @jane or user@localhost", "mention and host-only address"),
                Arguments.of("2024-01-15 and 2024-01-15T10:20:30Z", "dates"),
                Arguments.of("version 1.2.3.4 build 10.0.19045.3803", "version numbers"),
                Arguments.of("4111 1111 1111 1112", "card number failing Luhn"),
                Arguments.of("1234567890123456", "16 digits, no issuer, failing Luhn"),
                Arguments.of("0000 0000 0000 0000", "all zeros"),
                Arguments.of("123e4567-e89b-12d3-a456-426614174000", "UUID"),
                Arguments.of("3f786850e387550fdab836ed7e6dc881de23001b", "git SHA-1"),
                Arguments.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 hex"),
                Arguments.of("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "base64 SHA-256"),
                Arguments.of("sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==", "SRI hash"),
                Arguments.of("DE89 3704 0044 0532 0130 01", "IBAN failing mod 97"),
                Arguments.of("XX89370400440532013000", "IBAN shape, unknown country"),
                Arguments.of("000-12-3456", "SSN area 000"),
                Arguments.of("666-12-3456", "SSN area 666"),
                Arguments.of("912-34-5678", "SSN area 9xx"),
                Arguments.of("123-00-4567", "SSN group 00"),
                Arguments.of("123-45-0000", "SSN serial 0000"),
                Arguments.of("QQ123456C", "NINO with an unallocated prefix"),
                Arguments.of("AB123456E", "NINO with an invalid suffix"),
                Arguments.of("12345678A", "DNI with a wrong check letter"),
                Arguments.of("order #12345678 shipped in 3-5 days, call 555-0100", "order numbers and short numbers"));
    }

    private static List<String> detect(String text) {
        List<Match> out = new ArrayList<>();
        for (Detector d : Detectors.builtIn().values()) {
            d.find(text, out);
        }
        return out.stream().map(m -> m.detector().id()).toList();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("positives")
    void detectsTheFormatInProse(String sample, String ruleId) {
        String text = "Sure, here it is: " + sample + " - let me know if you need more.";
        List<Match> out = new ArrayList<>();
        Detectors.builtIn().values().forEach(d -> d.find(text, out));

        assertThat(out).extracting(m -> m.detector().id()).containsExactly(ruleId);
        Match m = out.get(0);
        assertThat(text.substring(m.start(), m.end())).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("lookAlikes")
    void lookAlikesDoNotTrigger(String sample, String why) {
        assertThat(detect("The value is " + sample + " as shown.")).as(why).isEmpty();
    }
}
