package dev.aiguard.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TlsPeerNamesTest {

    @TempDir
    Path dir;

    /** A self-signed certificate made by the JDK's own keytool (no test-only crypto library needed). */
    private X509Certificate certificate(String... extensions) throws Exception {
        Path store = dir.resolve("peer.p12");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "peer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=runner,O=Acme",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        for (String extension : extensions) {
            command.addAll(List.of("-ext", extension));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        return (X509Certificate) keyStore.getCertificate("peer");
    }

    @Test
    void everySupportedNameTypeIsPrefixedAndDnsNamesAreLowerCased() throws Exception {
        X509Certificate cert = certificate(
                "san=dns:Runner.Acme.Internal,uri:spiffe://acme/ns/batch/sa/runner,ip:10.0.0.5,email:ops@acme.example");

        assertThat(TlsPeerNames.of(cert)).containsExactlyInAnyOrder("dns:runner.acme.internal",
                "uri:spiffe://acme/ns/batch/sa/runner", "ip:10.0.0.5", "email:ops@acme.example");
    }

    @Test
    void aCertificateWithoutAlternativeNamesHasNone() throws Exception {
        assertThat(TlsPeerNames.of(certificate())).isEmpty();
    }

    @Test
    void requestsCarryTheNamesTheAdapterGave() {
        GuardRequest request = GuardRequest.builder().tlsPeerNames(List.of("uri:spiffe://acme/x")).build();

        assertThat(request.tlsPeerNames()).containsExactly("uri:spiffe://acme/x");
        assertThat(GuardRequest.builder().build().tlsPeerNames()).isEmpty();
    }
}
