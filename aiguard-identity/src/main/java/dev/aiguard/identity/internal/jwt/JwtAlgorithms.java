package dev.aiguard.identity.internal.jwt;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

/**
 * The JWS algorithms the stage accepts and which key type each needs. Checking the key type against the header's
 * {@code alg} is what defeats algorithm confusion (an HS256 token "signed" with an RSA public key as HMAC secret).
 */
public final class JwtAlgorithms {

    /** Every supported algorithm; {@code none} is never among them. */
    public static final List<String> SUPPORTED = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
            "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    private JwtAlgorithms() {
    }

    public static boolean isHmac(String alg) {
        return alg.startsWith("HS");
    }

    /** Whether {@code key} is the right kind of key for {@code alg}. */
    public static boolean compatible(String alg, Key key) {
        if (isHmac(alg)) {
            return key instanceof SecretKey;
        }
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return key instanceof RSAPublicKey;
        }
        if (alg.startsWith("ES")) {
            return key instanceof ECPublicKey ec && curveBits(alg) == ec.getParams().getCurve().getField().getFieldSize();
        }
        return alg.equals("EdDSA") && key instanceof EdECPublicKey;
    }

    /** The key to hand jjwt: HMAC secrets are re-labelled with the JCA name of the header's algorithm. */
    public static Key forAlgorithm(String alg, Key key) {
        return isHmac(alg) ? new SecretKeySpec(key.getEncoded(), "HmacSHA" + alg.substring(2)) : key;
    }

    /** The jjwt algorithms for the given names. */
    public static Set<SecureDigestAlgorithm<?, ?>> jjwtAlgorithms(List<String> names) {
        java.util.Set<SecureDigestAlgorithm<?, ?>> out = new java.util.LinkedHashSet<>();
        for (String name : names) {
            out.add(Jwts.SIG.get().forKey(name));
        }
        return out;
    }

    /** Minimum HMAC secret length in bytes for {@code alg}. */
    public static int minHmacBytes(String alg) {
        return Integer.parseInt(alg.substring(2)) / 8;
    }

    private static int curveBits(String alg) {
        return switch (alg) {
            case "ES256" -> 256;
            case "ES384" -> 384;
            case "ES512" -> 521;
            default -> -1;
        };
    }
}
