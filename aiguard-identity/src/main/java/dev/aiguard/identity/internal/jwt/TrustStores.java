package dev.aiguard.identity.internal.jwt;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Builds the TLS context the JWKS client trusts: the JDK's default CAs, or exactly the certificates of a configured
 * trust store (PKCS12/JKS) or PEM file. There is deliberately no way to turn verification off.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * The context trusting {@code trustStore}, or the JDK default when it is {@code null}.
     *
     * @param password the store's password, or {@code null}
     * @param type     {@code PKCS12} or {@code JKS} (ignored for PEM files)
     */
    public static SSLContext sslContext(Path trustStore, String password, String type)
            throws IOException, GeneralSecurityException {
        if (trustStore == null) {
            return SSLContext.getDefault();
        }
        KeyStore store = load(trustStore, password, type);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, String password, String type) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        if (new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).contains("-----BEGIN")) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            return store;
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
