package dev.aiguard.cli.internal.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The console's routes. Only {@code GET /login} and {@code POST /login} answer without the admin token; everything
 * else (pages, {@code /api}, scripts, styles, the chart library) needs an open session (cookie set by the login form)
 * or {@code Authorization: Bearer <token>}. Without one, pages redirect to the login form and everything else is 401.
 */
final class ConsoleHandler extends Handler.Abstract.NonBlocking {

    private static final int MAX_LOGIN_BODY = 4096;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleAuth auth;
    private final ConsoleApi api;
    private final ConsolePage page;
    private final StaticAssets assets;
    private final Map<String, Function<Map<String, String>, ObjectNode>> endpoints = new HashMap<>();

    ConsoleHandler(ConsoleAuth auth, ConsoleApi api, ConsolePage page, StaticAssets assets) {
        this.auth = auth;
        this.api = api;
        this.page = page;
        this.assets = assets;
        endpoints.put("/api/events", api::events);
        endpoints.put("/api/top", api::top);
        endpoints.put("/api/rules", q -> api.rules());
        endpoints.put("/api/graph", q -> api.graph());
        endpoints.put("/api/policy", q -> api.policy());
        endpoints.put("/api/series", q -> api.series());
    }

    /** Reading the login form blocks, so the login route is dispatched to a blocking-capable thread by Jetty. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        securityHeaders(response);
        if (path.equals("/login")) {
            if (HttpMethod.POST.is(method)) {
                login(request, response, callback);
            } else {
                send(response, HttpStatus.OK_200, "text/html; charset=utf-8", page.login(false), callback);
            }
            return true;
        }
        String session = sessionCookie(request);
        boolean authenticated = auth.sessionValid(session) || bearerValid(request);
        if (!authenticated) {
            refuse(path, response, callback);
            return true;
        }
        if (path.equals("/logout") && HttpMethod.POST.is(method)) {
            auth.closeSession(session);
            response.getHeaders().add(HttpHeader.SET_COOKIE, ConsoleAuth.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            redirect(response, "/login", callback);
            return true;
        }
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            send(response, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain; charset=utf-8", "method not allowed", callback);
            return true;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            send(response, HttpStatus.OK_200, "text/html; charset=utf-8", page.dashboard(), callback);
            return true;
        }
        Function<Map<String, String>, ObjectNode> endpoint = endpoints.get(path);
        if (endpoint != null) {
            send(response, HttpStatus.OK_200, "application/json", api.write(endpoint.apply(query(request))), callback);
            return true;
        }
        StaticAssets.Asset asset = assets.find(path);
        if (asset != null) {
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
            response.write(true, ByteBuffer.wrap(asset.bytes()), callback);
            return true;
        }
        send(response, HttpStatus.NOT_FOUND_404, "text/plain; charset=utf-8", "not found", callback);
        return true;
    }

    private void login(Request request, Response response, Callback callback) {
        String body;
        try {
            body = readBounded(request);
        } catch (IOException e) {
            send(response, HttpStatus.BAD_REQUEST_400, "text/plain; charset=utf-8", "unreadable form", callback);
            return;
        }
        Fields form = new Fields();
        UrlEncoded.decodeUtf8To(body, form);
        if (!auth.tokenMatches(form.getValue("token"))) {
            send(response, HttpStatus.UNAUTHORIZED_401, "text/html; charset=utf-8", page.login(true), callback);
            return;
        }
        String id = auth.openSession();
        response.getHeaders().add(HttpHeader.SET_COOKIE, ConsoleAuth.COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        redirect(response, "/", callback);
    }

    private static String readBounded(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_LOGIN_BODY) {
            throw new IOException("login form too large");
        }
        try {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (body.length() > MAX_LOGIN_BODY) {
                throw new IOException("login form too large");
            }
            return body;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private boolean bearerValid(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return auth.tokenMatches(header.substring(7).trim());
    }

    private static String sessionCookie(Request request) {
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie c : cookies) {
            if (ConsoleAuth.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    private static void refuse(String path, Response response, Callback callback) {
        boolean page = path.equals("/") || path.equals("/index.html");
        if (page) {
            redirect(response, "/login", callback);
        } else {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"aiguard-console\"");
            send(response, HttpStatus.UNAUTHORIZED_401, "application/json", "{\"error\":\"unauthorized\"}", callback);
        }
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> out = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field f : fields) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    private static void securityHeaders(Response response) {
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    private static void redirect(Response response, String location, Callback callback) {
        response.setStatus(HttpStatus.SEE_OTHER_303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.write(true, null, callback);
    }

    private static void send(Response response, int status, String type, String body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
