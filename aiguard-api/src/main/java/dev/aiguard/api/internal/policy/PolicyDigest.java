package dev.aiguard.api.internal.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The version of a policy: the first 12 hex digits of a SHA-256 over a canonical form of the merged, substituted tree
 * (keys sorted, comments and layout ignored). Equal policies get equal versions across runs and machines; a changed
 * secret changes the version. The version does not contain the secret, though like any digest it can confirm a guess
 * by someone who knows the rest of the policy (hence: high-entropy secrets, see docs/policy.md).
 */
public final class PolicyDigest {

    private static final int HEX_DIGITS = 12;

    private PolicyDigest() {
    }

    public static String of(Node root) {
        StringBuilder canonical = new StringBuilder();
        write(root, canonical);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static void write(Node node, StringBuilder out) {
        if (node instanceof Node.MapNode map) {
            Map<String, Node.Entry> sorted = new TreeMap<>(map.entries());
            out.append('{');
            sorted.forEach((k, e) -> {
                string(k, out);
                out.append(':');
                write(e.value(), out);
                out.append(',');
            });
            out.append('}');
        } else if (node instanceof Node.ListNode list) {
            out.append('[');
            list.items().forEach(item -> {
                write(item, out);
                out.append(',');
            });
            out.append(']');
        } else {
            Node.ScalarNode s = (Node.ScalarNode) node;
            out.append(s.type().name().charAt(0));
            string(s.text(), out);
        }
    }

    /** Length-prefixed, so no text can imitate structure. */
    private static void string(String s, StringBuilder out) {
        out.append(s.length()).append('"').append(s);
    }
}
