package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Principal;
import dev.aiguard.llm.LlmRequest;

import java.net.InetSocketAddress;
import java.util.List;

/** Builds budget keys from a request's dimensions. Values are length-prefixed so that no two keys collide. */
public final class KeyResolver {

    private static final String HEADER = "header:";

    private KeyResolver() {
    }

    /** Whether a dimension name is known. */
    public static boolean isKnown(String dimension) {
        return switch (dimension) {
            case "principal", "tenant", "tier", "route", "model", "ip" -> true;
            default -> dimension.startsWith(HEADER) && dimension.length() > HEADER.length();
        };
    }

    /** The key of {@code name} for this exchange. */
    public static String key(String name, List<String> dimensions, Exchange exchange, LlmRequest llm) {
        StringBuilder sb = new StringBuilder(name);
        for (String d : dimensions) {
            String v = value(d, exchange, llm);
            sb.append('|').append(v.length()).append(':').append(v);
        }
        return sb.toString();
    }

    static String value(String dimension, Exchange exchange, LlmRequest llm) {
        Principal p = exchange.principal();
        return switch (dimension) {
            case "principal" -> p.subject();
            case "tenant" -> nonNull(p.tenant());
            case "tier" -> nonNull(p.tier());
            case "route" -> exchange.request().path();
            case "model" -> llm.model();
            case "ip" -> ip(exchange.request().remoteAddress());
            default -> exchange.request().headers().first(dimension.substring(HEADER.length())).orElse("");
        };
    }

    private static String ip(InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
