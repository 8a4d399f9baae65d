package dev.aiguard.identity;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Builds test tokens: by default sub alice, iss https://idp.test, aud api, iat now, exp now + 5 min. */
final class Tokens {

    static final String ISSUER = "https://idp.test";
    static final String AUDIENCE = "api";

    private Tokens() {
    }

    static JwtBuilder standard(Instant now) {
        return Jwts.builder()
                .subject("alice")
                .issuer(ISSUER)
                .audience().add(AUDIENCE).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** A token signed for {@code alg} with the test key, naming {@code kid}. */
    static String signed(String alg, String kid, Instant now, UnaryOperator<JwtBuilder> customize) {
        return signed(TestKeys.signingKey(alg), alg, kid, now, customize);
    }

    static String signed(Key key, String alg, String kid, Instant now, UnaryOperator<JwtBuilder> customize) {
        JwtBuilder builder = standard(now);
        if (kid != null) {
            builder.header().keyId(kid).and();
        }
        return customize.apply(builder).signWith(key, TestKeys.algorithm(alg)).compact();
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A hand-made token from raw header and payload JSON and a signature part. */
    static String raw(String headerJson, String payloadJson, String signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + signature;
    }

    /** Replaces the payload of a signed token (keeping header and signature). */
    static String withPayload(String token, String payloadJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(payloadJson) + "." + parts[2];
    }

    /** A hand-made token whose header and payload are signed with HMAC-SHA256 under {@code secret}. */
    static String hmacRaw(String headerJson, String payloadJson, byte[] secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
