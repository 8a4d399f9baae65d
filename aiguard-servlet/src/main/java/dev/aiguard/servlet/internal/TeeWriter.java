package dev.aiguard.servlet.internal;

import dev.aiguard.llm.adapter.ResponseObserver;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The response writer as the application sees it: characters go straight to the container's writer (no buffer of
 * ours that the container would not flush) and their UTF-8 bytes are shown to the {@link ResponseObserver}. Usage
 * fields are ASCII, so the observer reads them whatever charset the response is sent in.
 */
final class TeeWriter extends Writer {

    private final PrintWriter out;
    private final ResponseObserver observer;

    TeeWriter(PrintWriter out, ResponseObserver observer) {
        this.out = out;
        this.observer = observer;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        observer.checkOpen();
        out.write(cbuf, off, len);
        if (out.checkError()) {
            // PrintWriter swallows the IOException; a failed write means the client went away.
            observer.clientGone();
            throw new IOException("client went away");
        }
        byte[] bytes = new String(cbuf, off, len).getBytes(StandardCharsets.UTF_8);
        observer.written(bytes, 0, bytes.length);
    }

    @Override
    public void flush() throws IOException {
        observer.checkOpen();
        out.flush();
        if (out.checkError()) {
            observer.clientGone();
            throw new IOException("client went away");
        }
    }

    @Override
    public void close() {
        out.close();
    }
}
