package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.Principal;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.egress.EgressDecision;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both proxy paths (CONNECT tunnels and plain HTTP forwarding) share: authenticate the caller, check the
 * destination with the caller's workload policy, answer refusals, and report every connection as an event.
 */
final class ProxyGate {

    /** Request attribute holding the {@link ProxyConnection} of an admitted request. */
    static final String CONNECTION = ProxyGate.class.getName() + ".connection";

    private final ProxyAuthenticator authenticator;
    private final WorkloadGuards guards;
    private final EventSink sink;
    private final String policyVersion;
    private final AtomicLong ids = new AtomicLong();

    ProxyGate(ProxyAuthenticator authenticator, WorkloadGuards guards, EventSink sink, String policyVersion) {
        this.authenticator = authenticator;
        this.guards = guards;
        this.sink = sink;
        this.policyVersion = policyVersion;
    }

    /**
     * Authenticates and checks {@code url}; on refusal answers the client (407 or 403) and reports the event.
     *
     * @return the admitted connection (pinned to a checked address), or null when the client has been answered
     */
    ProxyConnection admit(Request request, Response response, Callback callback, String host, int port, String url) {
        Principal principal;
        try {
            principal = authenticator.authenticate(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION));
        } catch (RuntimeException e) {
            principal = null;
        }
        ProxyConnection c = new ProxyConnection("egress-" + ids.incrementAndGet(), request.getMethod(), host, port,
                client(request), principal, policyVersion);
        if (principal == null) {
            report(c.finish(HttpStatus.PROXY_AUTHENTICATION_REQUIRED_407));
            response.getHeaders().add(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"aiguard-egress\"");
            response.getHeaders().add(HttpHeader.PROXY_AUTHENTICATE, "Bearer realm=\"aiguard-egress\"");
            answer(response, HttpStatus.PROXY_AUTHENTICATION_REQUIRED_407, "proxy authentication required", callback);
            return null;
        }
        EgressDecision decision = guards.forPrincipal(principal).check(url);
        c.decided(decision);
        if (decision.denied()) {
            report(c.finish(HttpStatus.FORBIDDEN_403));
            answer(response, HttpStatus.FORBIDDEN_403, "egress denied: " + decision.reason().code(), callback);
            return null;
        }
        if (c.pinned() == null) {
            // Monitor mode let an unresolvable destination through: there is no checked address to go to.
            report(c.finish(HttpStatus.BAD_GATEWAY_502));
            answer(response, HttpStatus.BAD_GATEWAY_502, "destination did not resolve", callback);
            return null;
        }
        request.setAttribute(CONNECTION, c);
        return c;
    }

    /** Publishes a connection's event (null: already reported). A failing sink never breaks the proxy. */
    void report(SecurityEvent event) {
        if (event == null || sink == null) {
            return;
        }
        try {
            sink.publish(event);
        } catch (RuntimeException ignored) {
            // Events are best effort; the connection's fate is already decided.
        }
    }

    static void answer(Response response, int status, String text, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String client(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }
}
