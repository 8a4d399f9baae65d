package dev.aiguard.cli.internal.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's one secret: an admin token, compared in constant time, and the sessions a correct login opens
 * (random ids in an HttpOnly cookie, bounded in number; the oldest is dropped first).
 */
final class ConsoleAuth {

    /** The session cookie's name. */
    static final String COOKIE = "aiguard_console";
    private static final int MAX_SESSIONS = 64;

    private final byte[] token;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Boolean> sessions = new LinkedHashMap<>();

    ConsoleAuth(String token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the admin token must have at least 16 characters");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random token (32 bytes, base64url). */
    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant-time check of a presented token (null is false). */
    boolean tokenMatches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a session; returns its id for the cookie. */
    synchronized String openSession() {
        String id = newToken(random);
        sessions.put(id, Boolean.TRUE);
        if (sessions.size() > MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        return id;
    }

    /** Whether {@code id} is an open session. The id is random and looked up by hash, so timing reveals nothing. */
    synchronized boolean sessionValid(String id) {
        return id != null && sessions.containsKey(id);
    }

    synchronized void closeSession(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }
}
