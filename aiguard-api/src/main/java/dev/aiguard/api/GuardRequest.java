package dev.aiguard.api;

import dev.aiguard.api.internal.RequestParsing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An inbound request as the guard sees it: immutable, built by an adapter with {@link #builder()}.
 *
 * <p>The body is bounded: bytes beyond the builder's limit are dropped and {@link #bodyTruncated()} is set, so stages
 * can apply the policy for oversized bodies. Parsed views (query and form args, cookies, the JSON tree, and any
 * {@link RequestView} a stage defines) are computed on first use, once, and shared by all stages.
 */
public final class GuardRequest {

    /** Default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private static final RequestView<List<Param>> QUERY_ARGS =
            RequestView.of("queryArgs", r -> RequestParsing.parseUrlEncoded(r.rawQuery()));
    private static final RequestView<List<Param>> FORM_ARGS = RequestView.of("formArgs", RequestParsing::parseForm);
    private static final RequestView<List<Param>> COOKIES = RequestView.of("cookies", RequestParsing::parseCookies);
    private static final RequestView<JsonBody> JSON = RequestView.of("json", RequestParsing::parseJson);

    private final String method;
    private final String path;
    private final String rawQuery;
    private final String protocol;
    private final Headers headers;
    private final InetSocketAddress remoteAddress;
    private final String tlsPeer;
    private final List<String> tlsPeerNames;
    private final byte[] body;
    private final boolean bodyTruncated;
    private final long declaredBodyLength;
    private final String requestId;
    private volatile Map<RequestView<?>, Object> views;

    private GuardRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.rawQuery = b.rawQuery;
        this.protocol = b.protocol;
        this.headers = b.headers;
        this.remoteAddress = b.remoteAddress;
        this.tlsPeer = b.tlsPeer;
        this.tlsPeerNames = b.tlsPeerNames;
        int limit = b.maxBodyBytes;
        this.bodyTruncated = b.body.length > limit || b.truncated;
        this.body = b.body.length > limit ? java.util.Arrays.copyOf(b.body, limit) : b.body;
        this.declaredBodyLength = b.body.length;
        this.requestId = b.requestId;
    }

    /** A builder; method defaults to GET, path to {@code /}, protocol to {@code HTTP/1.1}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Upper-case method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path as received (not decoded), e.g. {@code /v1/chat/completions}. */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}; empty when none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Path plus {@code ?query} when there is one, as on the request line. */
    public String uri() {
        return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    /** {@code HTTP/1.1}, {@code HTTP/2}, ... */
    public String protocol() {
        return protocol;
    }

    /** Request headers. */
    public Headers headers() {
        return headers;
    }

    /** The client's address, or {@code null} when the adapter does not know it. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The TLS client certificate's subject when the adapter provides one, else empty. */
    public Optional<String> tlsPeer() {
        return Optional.ofNullable(tlsPeer);
    }

    /**
     * The TLS client certificate's subject alternative names when the adapter provides them, each as
     * {@code type:value} with type {@code dns}, {@code uri}, {@code ip} or {@code email} (e.g.
     * {@code uri:spiffe://acme/ns/batch/sa/runner}); see {@link TlsPeerNames}. Empty when there is none.
     */
    public List<String> tlsPeerNames() {
        return tlsPeerNames;
    }

    /** The (possibly truncated) body. The array is shared: callers must not modify it. */
    public byte[] body() {
        return body;
    }

    /** The body decoded as UTF-8 (malformed bytes replaced). */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the body was longer than the limit and was cut. */
    public boolean bodyTruncated() {
        return bodyTruncated;
    }

    /** Number of body bytes the adapter supplied before any truncation. */
    public long declaredBodyLength() {
        return declaredBodyLength;
    }

    /** The media type of {@code Content-Type} in lower case without parameters; empty when absent. */
    public String contentType() {
        String value = headers.first("Content-Type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
    }

    /** The adapter's request id (e.g. from {@code X-Request-Id}), or {@code null} to let the guard make one. */
    public String requestId() {
        return requestId;
    }

    /** Decoded query-string arguments, in order. */
    public List<Param> queryArgs() {
        return view(QUERY_ARGS);
    }

    /** Decoded {@code application/x-www-form-urlencoded} body arguments; empty for other content types. */
    public List<Param> formArgs() {
        return view(FORM_ARGS);
    }

    /** Cookies from every {@code Cookie} header, in order. */
    public List<Param> cookies() {
        return view(COOKIES);
    }

    /** The body parsed as JSON when the content type is JSON (depth and size bounded). */
    public JsonBody json() {
        return view(JSON);
    }

    /** A memoized view: computed on first use, then shared. */
    @SuppressWarnings("unchecked")
    public <T> T view(RequestView<T> view) {
        Map<RequestView<?>, Object> memo = views;
        if (memo == null) {
            synchronized (this) {
                memo = views;
                if (memo == null) {
                    memo = new ConcurrentHashMap<>(4);
                    views = memo;
                }
            }
        }
        Object value = memo.get(view);
        if (value == null) {
            value = view.compute(this);
            Object raced = memo.putIfAbsent(view, value);
            if (raced != null) {
                value = raced;
            }
        }
        return (T) value;
    }

    @Override
    public String toString() {
        // Never include headers or body: they may hold credentials and prompts.
        return "GuardRequest[" + method + " " + path + ", body " + body.length + " bytes" + (bodyTruncated ? " (truncated)" : "") + "]";
    }

    /** Builds a {@link GuardRequest}. Not thread-safe. */
    public static final class Builder {
        private String method = "GET";
        private String path = "/";
        private String rawQuery = "";
        private String protocol = "HTTP/1.1";
        private Headers headers = Headers.empty();
        private InetSocketAddress remoteAddress;
        private String tlsPeer;
        private List<String> tlsPeerNames = List.of();
        private byte[] body = new byte[0];
        private boolean truncated;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private String requestId;

        private Builder() {
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        /** Sets path and query from a request-target such as {@code /v1/x?a=1}. */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            int q = uri.indexOf('?');
            this.path = q >= 0 ? uri.substring(0, q) : uri;
            this.rawQuery = q >= 0 ? uri.substring(q + 1) : "";
            return this;
        }

        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery == null ? "" : rawQuery;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        public Builder remoteAddress(InetSocketAddress remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        public Builder tlsPeer(String tlsPeer) {
            this.tlsPeer = tlsPeer;
            return this;
        }

        /** The client certificate's subject alternative names as {@code type:value} ({@link #tlsPeerNames()}). */
        public Builder tlsPeerNames(List<String> names) {
            this.tlsPeerNames = List.copyOf(Objects.requireNonNull(names, "names"));
            return this;
        }

        /** The body bytes; the builder keeps the array (no copy). */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        public Builder body(String utf8Body) {
            return body(utf8Body.getBytes(StandardCharsets.UTF_8));
        }

        /** Marks the body as already cut by the adapter (e.g. it stopped reading at its own limit). */
        public Builder bodyTruncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        /** Body bytes kept at most; the rest is dropped and the request marked truncated. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 0");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public GuardRequest build() {
            return new GuardRequest(this);
        }
    }
}
