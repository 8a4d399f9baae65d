package dev.aiguard.identity.internal.jwt;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads public keys from PEM: {@code PUBLIC KEY} (RSA, EC, Ed25519/Ed448) or {@code CERTIFICATE}. */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "EdDSA");

    private PemKeys() {
    }

    /**
     * Parses the first PEM block.
     *
     * @throws IllegalArgumentException when it is not a public key or certificate (private keys are refused)
     */
    public static PublicKey parse(String pem) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("not a PEM block (expected -----BEGIN PUBLIC KEY----- or CERTIFICATE)");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not Base64");
        }
        return switch (type) {
            case "PUBLIC KEY" -> publicKey(der);
            case "CERTIFICATE" -> certificateKey(der);
            default -> throw new IllegalArgumentException("PEM " + (type.contains("PRIVATE")
                    ? "holds a private key: give the public key" : "type '" + type + "' is not supported")
                    + " (expected PUBLIC KEY or CERTIFICATE)");
        };
    }

    private static PublicKey publicKey(byte[] der) {
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Not this key type; try the next.
            }
        }
        throw new IllegalArgumentException("PEM public key is not an RSA, EC or EdDSA key");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PEM certificate cannot be read");
        }
    }
}
