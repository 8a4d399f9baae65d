package dev.aiguard.cli.internal.egress;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.Promise;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentMap;

/**
 * HTTPS (and any TCP) through {@code CONNECT host:port}: Jetty's {@link ConnectHandler} with the egress check in front
 * and the connect step replaced, so the tunnel goes to the checked address and the name is never looked up again
 * (DNS rebinding cannot swap it). The check sees the tunnel as {@code https://host:port/}: the proxy cannot see
 * paths inside TLS, so rules with a path prefix other than {@code /} never admit a tunnel. Bytes are counted each
 * way; when the tunnel closes the connection is reported.
 */
final class EgressConnectHandler extends ConnectHandler {

    private static final String CLIENT_ENDPOINT = EgressConnectHandler.class.getName() + ".client";

    private final ProxyGate gate;

    EgressConnectHandler(ProxyGate gate, Handler next) {
        super(next);
        this.gate = gate;
    }

    @Override
    protected void handleConnect(Request request, Response response, Callback callback, String serverAddress) {
        HostPort target;
        try {
            target = new HostPort(serverAddress);
        } catch (IllegalArgumentException e) {
            ProxyGate.answer(response, HttpStatus.BAD_REQUEST_400, "CONNECT needs host:port", callback);
            return;
        }
        if (!target.hasPort()) {
            ProxyGate.answer(response, HttpStatus.BAD_REQUEST_400, "CONNECT needs host:port", callback);
            return;
        }
        String host = target.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String authority = bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare;
        ProxyConnection c = gate.admit(request, response, callback, bare, target.getPort(),
                "https://" + authority + ":" + target.getPort() + "/");
        if (c != null) {
            super.handleConnect(request, response, callback, serverAddress);
        }
    }

    @Override
    protected void prepareContext(Request request, ConcurrentMap<String, Object> context) {
        super.prepareContext(request, context);
        Object c = request.getAttribute(ProxyGate.CONNECTION);
        if (c != null) {
            context.put(ProxyGate.CONNECTION, c);
        }
        context.put(CLIENT_ENDPOINT, request.getConnectionMetaData().getConnection().getEndPoint());
    }

    /** Connects to the pinned, checked address: never to {@code host}, which would mean a second lookup. */
    @Override
    protected void connectToServer(Request request, String host, int port, Promise<SocketChannel> promise) {
        ProxyConnection c = (ProxyConnection) request.getAttribute(ProxyGate.CONNECTION);
        InetAddress pinned = c == null ? null : c.pinned();
        if (pinned == null) {
            promise.failed(new IOException("no checked address for " + host));
            return;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress(pinned, port));
            promise.succeeded(channel);
        } catch (Throwable x) {
            closeQuietly(channel);
            promise.failed(x);
        }
    }

    @Override
    protected void onConnectFailure(Request request, Response response, Callback callback, Throwable failure) {
        ProxyConnection c = (ProxyConnection) request.getAttribute(ProxyGate.CONNECTION);
        if (c != null) {
            gate.report(c.finish(HttpStatus.BAD_GATEWAY_502));
        }
        super.onConnectFailure(request, response, callback, failure);
    }

    @Override
    protected int read(EndPoint endPoint, ByteBuffer buffer, ConcurrentMap<String, Object> context) throws IOException {
        int n = super.read(endPoint, buffer, context);
        if (n > 0 && context.get(ProxyGate.CONNECTION) instanceof ProxyConnection c) {
            if (endPoint == context.get(CLIENT_ENDPOINT)) {
                c.up(n);
            } else {
                c.down(n);
            }
        }
        return n;
    }

    @Override
    protected UpstreamConnection newUpstreamConnection(EndPoint endPoint, ConnectContext connectContext) {
        return new UpstreamConnection(endPoint, getExecutor(), getByteBufferPool(), connectContext) {
            @Override
            public void onClose(Throwable cause) {
                super.onClose(cause);
                if (connectContext.getContext().get(ProxyGate.CONNECTION) instanceof ProxyConnection c) {
                    gate.report(c.finish(HttpStatus.OK_200));
                }
            }
        };
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing to do: the connect already failed.
            }
        }
    }
}
