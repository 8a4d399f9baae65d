package dev.aiguard.waf.internal.transform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code t:sha1} and {@code t:md5}: the raw digest bytes as a byte string (20 or 16 bytes). */
final class Digest implements Transformation {

    private final String name;
    private final String algorithm;

    private Digest(String name, String algorithm) {
        this.name = name;
        this.algorithm = algorithm;
        newDigest(); // fail at construction, not per value, if the JDK lacks the algorithm
    }

    static Digest sha1() {
        return new Digest("sha1", "SHA-1");
    }

    static Digest md5() {
        return new Digest("md5", "MD5");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String apply(String input) {
        byte[] digest = newDigest().digest(ByteStrings.bytes(input));
        return ByteStrings.sameIfEqual(input, ByteStrings.string(digest, digest.length));
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm); // a fresh instance: MessageDigest is not thread-safe
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
