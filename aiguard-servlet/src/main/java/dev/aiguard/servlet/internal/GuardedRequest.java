package dev.aiguard.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The request handed to the application. When its body was read for inspection, the body still reads as it arrived,
 * through {@link #getInputStream()}, {@link #getReader()} and, for URL-encoded forms, the parameter methods (the
 * container cannot parse a form whose bytes the filter already consumed). Starting async processing is reported to
 * the filter, so that it completes the exchange when the async response ends.
 */
public final class GuardedRequest extends HttpServletRequestWrapper {

    /** Largest URL-encoded form the parameter methods read (the body beyond the inspected prefix included). */
    static final int MAX_FORM_BYTES = 8 << 20;

    private final ReplayInputStream body;
    private final Consumer<AsyncContext> asyncStarted;
    private ServletResponse response;
    private BufferedReader reader;
    private Map<String, String[]> parameters;

    /**
     * @param prefix       the body bytes read for inspection, or {@code null} when the body was not touched
     * @param asyncStarted told of every async context the application starts
     */
    public GuardedRequest(HttpServletRequest request, BodyPrefix prefix, Consumer<AsyncContext> asyncStarted)
            throws IOException {
        super(request);
        this.body = prefix == null ? null : new ReplayInputStream(prefix, request.getInputStream());
        this.asyncStarted = asyncStarted;
        // A body rewritten by the guard has its own length; the client's Content-Length no longer applies.
        this.rewrittenLength = prefix != null && !prefix.truncated() && prefix.length() != request.getContentLengthLong()
                && request.getContentLengthLong() >= 0 ? prefix.length() : -1;
    }

    private final long rewrittenLength;

    @Override
    public int getContentLength() {
        return rewrittenLength >= 0 ? (int) rewrittenLength : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        return rewrittenLength >= 0 ? rewrittenLength : super.getContentLengthLong();
    }

    @Override
    public String getHeader(String name) {
        return rewrittenLength >= 0 && "content-length".equalsIgnoreCase(name) ? Long.toString(rewrittenLength)
                : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return rewrittenLength >= 0 && "content-length".equalsIgnoreCase(name)
                ? Collections.enumeration(java.util.List.of(Long.toString(rewrittenLength))) : super.getHeaders(name);
    }

    /**
     * The response the application writes to. {@link #startAsync()} hands it (with this request) to the async context,
     * where the container would otherwise hand out the unwrapped originals and the response would go unobserved.
     */
    public void response(ServletResponse response) {
        this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
        AsyncContext context = response == null ? super.startAsync() : super.startAsync(this, response);
        asyncStarted.accept(context);
        return context;
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        AsyncContext context = super.startAsync(request, response);
        asyncStarted.accept(context);
        return context;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        return body == null ? super.getInputStream() : body;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(body, charset));
        }
        return reader;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    private Map<String, String[]> parameters() {
        if (parameters == null) {
            parameters = body != null && isUrlEncodedForm() ? FormParameters.parse(getQueryString(), readForm(), charset())
                    : super.getParameterMap();
        }
        return parameters;
    }

    private boolean isUrlEncodedForm() {
        String type = getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && "POST".equalsIgnoreCase(getMethod());
    }

    private Charset charset() {
        String encoding = getCharacterEncoding();
        return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }

    private byte[] readForm() {
        try {
            BodyPrefix all = BodyPrefix.read(body, MAX_FORM_BYTES, getContentLengthLong());
            if (all.truncated()) {
                throw new IllegalStateException("form body larger than " + MAX_FORM_BYTES + " bytes");
            }
            return all.inspected();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
