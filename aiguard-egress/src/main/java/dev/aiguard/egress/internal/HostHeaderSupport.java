package dev.aiguard.egress.internal;

import java.net.http.HttpRequest;

/**
 * Whether this JVM lets {@code java.net.http} requests set {@code Host} (only with
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}, read once when the HTTP client classes load).
 */
public final class HostHeaderSupport {

    private HostHeaderSupport() {
    }

    public static boolean settable() {
        try {
            HttpRequest.newBuilder().header("Host", "probe.invalid");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
