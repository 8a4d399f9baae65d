package dev.aiguard.egress.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A response as the caller expects to see it: {@link #uri()} is the URL that was asked for (with the host name), not
 * the pinned IP form; {@link #previousResponse()} chains the redirect hops. {@link #request()} is the pinned request
 * actually sent.
 */
public final class PinnedResponse<T> implements HttpResponse<T> {

    private final HttpResponse<T> delegate;
    private final URI uri;
    private final HttpResponse<T> previous;

    public PinnedResponse(HttpResponse<T> delegate, URI uri, HttpResponse<T> previous) {
        this.delegate = delegate;
        this.uri = uri;
        this.previous = previous;
    }

    @Override
    public int statusCode() {
        return delegate.statusCode();
    }

    @Override
    public HttpRequest request() {
        return delegate.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.ofNullable(previous);
    }

    @Override
    public HttpHeaders headers() {
        return delegate.headers();
    }

    @Override
    public T body() {
        return delegate.body();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return delegate.sslSession();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public HttpClient.Version version() {
        return delegate.version();
    }
}
