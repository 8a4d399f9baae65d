package dev.aiguard.servlet.internal;

import dev.aiguard.api.Headers;
import dev.aiguard.llm.adapter.ResponseObserver;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The response handed to the application: its output passes through unchanged and is shown to an observer. */
public final class ObservedResponse extends HttpServletResponseWrapper {

    private final ResponseObserver observer;
    private ServletOutputStream rawStream;
    private PrintWriter rawWriter;
    private TeeOutputStream stream;
    private PrintWriter writer;

    public ObservedResponse(HttpServletResponse response, ResponseObserver observer) {
        super(response);
        this.observer = observer;
        observer.onCut(this::endCut);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            rawStream = super.getOutputStream();
            stream = new TeeOutputStream(rawStream, observer);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null && observer.rewritesOutput()) {
            // Output stages work on bytes: the writer encodes into our stream instead of the container's writer.
            writer = new PrintWriter(new java.io.OutputStreamWriter(getOutputStream(),
                    java.nio.charset.Charset.forName(getCharacterEncoding())), false);
            return writer;
        }
        if (writer == null) {
            rawWriter = super.getWriter();
            writer = new PrintWriter(new TeeWriter(rawWriter, observer), false);
        }
        return writer;
    }

    /**
     * Forwards what the output stages still hold at the end of the body. Called when the application is done (before
     * the exchange completes); a no-op without output stages or after a cut.
     */
    public void finishOutput() {
        try {
            if (writer != null && observer.rewritesOutput()) {
                writer.flush();
            }
            if (stream != null && !observer.isCut()) {
                stream.finishOutput();
            }
        } catch (IOException | RuntimeException e) {
            observer.clientGone();
        }
    }

    @Override
    public void setContentLength(int len) {
        if (!observer.rewritesOutput()) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!observer.rewritesOutput()) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!(observer.rewritesOutput() && "content-length".equalsIgnoreCase(name))) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!(observer.rewritesOutput() && "content-length".equalsIgnoreCase(name))) {
            super.addHeader(name, value);
        }
    }

    /**
     * Ends a cut response cleanly: an event stream gets a last {@code aiguard.cut} event, so the client can tell a cut
     * from a network failure; then the container's stream is closed, which ends the response properly (the final
     * chunk is sent). The application's next write fails as if the client had left.
     */
    private void endCut() {
        try {
            byte[] event = ResponseObserver.cutEvent(getContentType(), observer.cutReason());
            if (rawStream != null) {
                rawStream.write(event);
                rawStream.close();
            } else if (rawWriter != null) {
                rawWriter.write(new String(event, java.nio.charset.StandardCharsets.UTF_8));
                rawWriter.close();
            }
        } catch (IOException | RuntimeException e) {
            observer.clientGone();
        }
    }

    /** The response headers as set so far. */
    public Headers headers() {
        return headersOf((HttpServletResponse) getResponse());
    }

    /** The headers of a response as set so far. */
    public static Headers headersOf(HttpServletResponse response) {
        List<Headers.Header> lines = new ArrayList<>();
        boolean contentType = false;
        for (String name : response.getHeaderNames()) {
            contentType |= "Content-Type".equalsIgnoreCase(name);
            for (String value : response.getHeaders(name)) {
                lines.add(new Headers.Header(name, value));
            }
        }
        // Tomcat keeps the content type apart from the header list: report it all the same.
        if (!contentType && response.getContentType() != null) {
            lines.add(new Headers.Header("Content-Type", response.getContentType()));
        }
        return Headers.of(lines);
    }
}
