package dev.aiguard.api;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns a verified client certificate's subject alternative names into the {@code type:value} strings of
 * {@link GuardRequest#tlsPeerNames()}, so every adapter hands them over the same way: {@code dns:} (lower-cased),
 * {@code uri:} (SPIFFE ids and others, as written), {@code ip:} and {@code email:}. Other name types (directory
 * names, other names) are left out.
 */
public final class TlsPeerNames {

    private static final int EMAIL = 1;
    private static final int DNS = 2;
    private static final int URI = 6;
    private static final int IP = 7;

    private TlsPeerNames() {
    }

    /** The certificate's alternative names; empty when it has none or they cannot be parsed. */
    public static List<String> of(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(names.size());
        for (List<?> name : names) {
            if (name.size() >= 2 && name.get(0) instanceof Integer type && name.get(1) instanceof String value) {
                String prefixed = prefixed(type, value);
                if (prefixed != null) {
                    out.add(prefixed);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String prefixed(int type, String value) {
        return switch (type) {
            case DNS -> "dns:" + value.toLowerCase(Locale.ROOT);
            case URI -> "uri:" + value;
            case IP -> "ip:" + value;
            case EMAIL -> "email:" + value;
            default -> null;
        };
    }
}
