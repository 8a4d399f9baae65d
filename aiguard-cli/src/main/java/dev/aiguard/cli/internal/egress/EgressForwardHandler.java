package dev.aiguard.cli.internal.egress;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Plain HTTP through the proxy ({@code GET http://host/path}): Jetty's forward {@link ProxyHandler} with the egress
 * check in front (on the full URL, so path rules apply), the request sent to the checked IP with the original
 * {@code Host} header, and the response bytes counted. Only {@code http://} is forwarded; HTTPS goes through
 * {@code CONNECT}. The client's address is not forwarded ({@code Forwarded}/{@code X-Forwarded-*} would leak
 * internal addresses to the outside).
 */
final class EgressForwardHandler extends ProxyHandler.Forward {

    private static final String HOST_HEADER = EgressForwardHandler.class.getName() + ".host";

    private final ProxyGate gate;

    EgressForwardHandler(ProxyGate gate) {
        this.gate = gate;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpURI uri = request.getHttpURI();
        String scheme = uri.getScheme();
        if (scheme == null || !scheme.equalsIgnoreCase("http") || uri.getHost() == null) {
            ProxyGate.answer(response, HttpStatus.BAD_REQUEST_400,
                    "this is a forward proxy: send absolute http:// URLs, or CONNECT for https", callback);
            return true;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        ProxyConnection c = gate.admit(request, response, callback, bare, port, uri.asString());
        if (c == null) {
            return true;
        }
        request.setAttribute(HOST_HEADER, uri.getPort() > 0 ? host + ":" + uri.getPort() : host);
        long declared = request.getLength();
        c.up(Math.max(0, declared));
        Response counting = new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback cb) {
                if (content != null) {
                    c.down(content.remaining());
                }
                super.write(last, content, cb);
            }
        };
        Callback reporting = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                gate.report(c.finish(response.getStatus()));
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                gate.report(c.finish(response.getStatus() > 0 ? response.getStatus() : HttpStatus.BAD_GATEWAY_502));
                super.failed(x);
            }
        };
        return super.handle(request, counting, reporting);
    }

    /** The same request, addressed to the checked IP: the client library never resolves the name. */
    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        ProxyConnection c = (ProxyConnection) request.getAttribute(ProxyGate.CONNECTION);
        InetAddress pinned = c.pinned();
        String ip = pinned instanceof Inet6Address ? "[" + pinned.getHostAddress() + "]" : pinned.getHostAddress();
        return HttpURI.build(request.getHttpURI()).host(ip).port(c.port()).user(null);
    }

    @Override
    protected void copyRequestHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        super.copyRequestHeaders(clientToProxyRequest, proxyToServerRequest);
        Object host = clientToProxyRequest.getAttribute(HOST_HEADER);
        proxyToServerRequest.headers(h -> {
            h.remove(HttpHeader.PROXY_AUTHORIZATION);
            if (host != null) {
                h.put(HttpHeader.HOST, host.toString());
            }
        });
    }

    /** No Forwarded / X-Forwarded-* headers: they would tell the outside world the client's internal address. */
    @Override
    protected void addForwardedHeader(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
        super.configureHttpClient(httpClient);
        httpClient.setFollowRedirects(false);
    }
}
