package dev.aiguard.identity.internal.jwt;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JWKS document into verification keys. Only public signing keys are used: private or symmetric keys, keys
 * marked {@code use: enc} and key types jjwt does not support are skipped (a JWKS should never carry secrets).
 */
public final class JwksParser {

    private static final Logger LOG = LoggerFactory.getLogger(JwksParser.class);

    private JwksParser() {
    }

    /**
     * Parses {@code json}.
     *
     * @throws IllegalArgumentException when it is not a JWKS document
     */
    public static List<VerificationKey> parse(String json, String source) {
        JwkSet set;
        try {
            set = Jwks.setParser().ignoreUnsupported(true).build().parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid JWKS document (" + e.getClass().getSimpleName() + ")");
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (Jwk<?> jwk : set.getKeys()) {
            Key key = jwk.toKey();
            if (!(key instanceof PublicKey) || "enc".equals(jwk.get("use"))) {
                LOG.warn("AIGuard JWKS {}: skipping key '{}' ({}): only public signing keys are used",
                        source, jwk.getId(), jwk.getType());
                continue;
            }
            keys.add(new VerificationKey(jwk.getId(), key, jwk.getAlgorithm(), source));
        }
        return List.copyOf(keys);
    }
}
