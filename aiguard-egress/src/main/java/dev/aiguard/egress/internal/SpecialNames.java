package dev.aiguard.egress.internal;

import java.util.Set;

/**
 * Host names that are internal by definition, whatever a resolver says: {@code localhost} (RFC 6761, including every
 * {@code *.localhost}) and the cloud metadata names. Checked before resolution so a hostile or stale resolver
 * cannot make them look public.
 */
public final class SpecialNames {

    private static final Set<String> METADATA = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
            "metadata.tencentyun.com");

    private SpecialNames() {
    }

    /** The category a name has by itself, or {@link AddressCategory#PUBLIC} when only resolution can tell. */
    public static AddressCategory classify(String name) {
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.localdomain")) {
            return AddressCategory.LOOPBACK;
        }
        return METADATA.contains(name) ? AddressCategory.CLOUD_METADATA : AddressCategory.PUBLIC;
    }
}
