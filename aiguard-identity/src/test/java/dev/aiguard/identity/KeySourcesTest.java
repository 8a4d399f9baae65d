package dev.aiguard.identity;

import dev.aiguard.api.Stage;
import io.jsonwebtoken.security.Jwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys from inline PEM, PEM files, certificates and JWKS files; bad key material fails the load clearly. */
class KeySourcesTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    Stage stage(String jwt) throws Exception {
        return Policies.stage("jwt:\n" + jwt, dir, new MutableClock(NOW));
    }

    boolean accepts(Stage stage, String token) {
        return Policies.run(stage, Policies.bearer(token)).allowed();
    }

    @Test
    void inlinePemKeyVerifies() throws Exception {
        String pem = TestKeys.pem(TestKeys.pair("ES256").getPublic()).stripTrailing().replace("\n", "\n        ");
        Stage stage = stage("  keys:\n    - kid: ec\n      pem: |\n        " + pem + "\n");

        assertThat(accepts(stage, Tokens.signed("ES256", "ec", NOW, b -> b))).isTrue();
    }

    @Test
    void jwksFileKeysVerifyAndPrivateOrSymmetricEntriesAreIgnored() throws Exception {
        KeyPair ec = TestKeys.pair("ES384");
        KeyPair rsa = TestKeys.pair("RS256");
        String jwks = "{\"keys\":[" + Jwks.json(Jwks.builder().key(ec.getPublic()).id("ec").build()) + ","
                + Jwks.json(Jwks.builder().key(rsa.getPublic()).id("rsa").algorithm("RS256").build()) + ","
                + "{\"kty\":\"oct\",\"kid\":\"shared\",\"k\":\"" + TestKeys.hmacSecretBase64("HS256").replace('+', '-')
                .replace('/', '_').replace("=", "") + "\"},"
                + "{\"kty\":\"XYZ\",\"kid\":\"future\"}"
                + "]}";
        Files.writeString(dir.resolve("jwks.json"), jwks);
        Stage stage = stage("  jwksFile: jwks.json\n");

        assertThat(accepts(stage, Tokens.signed("ES384", "ec", NOW, b -> b))).isTrue();
        assertThat(accepts(stage, Tokens.signed("RS256", "rsa", NOW, b -> b))).isTrue();
        // The JWK pins rsa to RS256.
        assertThat(Policies.run(stage, Policies.bearer(Tokens.signed("PS256", "rsa", NOW, b -> b))).reason())
                .isEqualTo("identity.token_algorithm");
        // A symmetric key in a JWKS is never used.
        assertThat(Policies.run(stage, Policies.bearer(Tokens.signed("HS256", "shared", NOW, b -> b))).reason())
                .isEqualTo("identity.token_unknown_key");
    }

    @Test
    void certificatePemVerifies() throws Exception {
        Path store = dir.resolve("cert.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=signer",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "pw12345",
                "-keypass", "pw12345").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "pw12345".toCharArray());
        }
        java.security.cert.Certificate cert = ks.getCertificate("signer");
        Files.writeString(dir.resolve("signer.crt"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        java.security.Key privateKey = ks.getKey("signer", "pw12345".toCharArray());
        Stage stage = stage("  keys: [{kid: cert, pemFile: signer.crt}]\n");

        assertThat(accepts(stage, Tokens.signed(privateKey, "RS256", "cert", NOW, b -> b))).isTrue();
    }

    @Test
    void privateKeyPemIsRefusedAtLoad() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                TestKeys.pair("ES256").getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        IdentityConfig config = Policies.parse("jwt:\n  keys:\n    - kid: k\n      pem: |\n        "
                + pem.stripTrailing().replace("\n", "\n        ") + "\n");

        assertThat(Validation.problems(config)).containsKey("jwt.keys[0].pem");
        assertThat(Validation.problems(config).get("jwt.keys[0].pem")).contains("private key");
    }

    @Test
    void missingPemFileFailsTheLoad() {
        assertThatThrownBy(() -> stage("  keys: [{kid: k, pemFile: missing.pem}]\n"))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void garbageJwksFileFailsTheLoad() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"keys\":\"nope\"}");

        assertThatThrownBy(() -> stage("  jwksFile: bad.json\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWKS");
    }
}
