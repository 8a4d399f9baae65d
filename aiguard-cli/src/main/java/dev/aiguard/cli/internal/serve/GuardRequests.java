package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Translates a Jetty request (and the body read so far) into the guard's {@link GuardRequest}. */
public final class GuardRequests {

    /** A caller's {@code X-Request-Id} is used only when it is short and plain, so it can go into logs and events. */
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private GuardRequests() {
    }

    /** The guard's view of {@code request}: raw path and query as received, every header line, the bounded body. */
    public static GuardRequest from(Request request, BufferedBody body) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return GuardRequest.builder()
                .method(request.getMethod())
                .path(path == null || path.isEmpty() ? "/" : path)
                .rawQuery(uri.getQuery())
                .protocol(request.getConnectionMetaData().getProtocol())
                .headers(headers(request.getHeaders()))
                .remoteAddress(remote instanceof InetSocketAddress inet ? inet : null)
                .maxBodyBytes(body.limit())
                .body(body.inspected())
                .bodyTruncated(body.truncated())
                .requestId(requestId(request.getHeaders()))
                .build();
    }

    /** Jetty header fields as guard headers, in order, spelling kept. */
    public static Headers headers(HttpFields fields) {
        List<Headers.Header> lines = new ArrayList<>(fields.size());
        for (HttpField field : fields) {
            lines.add(new Headers.Header(field.getName(), field.getValue() == null ? "" : field.getValue()));
        }
        return Headers.of(lines);
    }

    private static String requestId(HttpFields fields) {
        String id = fields.get("X-Request-Id");
        return id != null && SAFE_REQUEST_ID.matcher(id).matches() ? id : null;
    }
}
