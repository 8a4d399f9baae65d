package dev.aiguard.identity.internal.jwt;

import java.util.List;

/** Where verification keys come from: inline keys and files, or a JWKS endpoint. Thread-safe. */
public interface KeySource {

    /**
     * Keys with id {@code kid}. A source that can refresh may do so here when it does not know the id (rate-limited).
     */
    List<VerificationKey> byKid(String kid);

    /** Every key currently known (for tokens without {@code kid}). */
    List<VerificationKey> all();
}
