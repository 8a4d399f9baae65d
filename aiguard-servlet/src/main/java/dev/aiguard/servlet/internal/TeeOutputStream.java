package dev.aiguard.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import dev.aiguard.llm.adapter.ResponseObserver;

import java.io.IOException;

/**
 * The response stream as the application sees it: every write goes straight to the container's stream (nothing is
 * held back, so streams stay streams) and is shown to the {@link ResponseObserver} on the way.
 */
final class TeeOutputStream extends ServletOutputStream {

    private final ServletOutputStream out;
    private final ResponseObserver observer;

    TeeOutputStream(ServletOutputStream out, ResponseObserver observer) {
        this.out = out;
        this.observer = observer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        observer.checkOpen();
        byte[] filtered = observer.filter(b, off, len);
        try {
            if (filtered == null) {
                out.write(b, off, len);
            } else if (filtered.length > 0) {
                out.write(filtered);
            }
        } catch (IOException e) {
            observer.clientGone();
            throw e;
        }
        observer.written(b, off, len);
        observer.cutIfAsked();
    }

    /** Forwards what the output stages still hold (end of body); safe to call more than once. */
    void finishOutput() throws IOException {
        byte[] tail = observer.finishOutput();
        if (tail.length > 0) {
            out.write(tail);
        }
        observer.cutIfAsked();
    }

    @Override
    public void flush() throws IOException {
        observer.checkOpen();
        try {
            out.flush();
        } catch (IOException e) {
            observer.clientGone();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (!observer.isCut()) {
            finishOutput();
        }
        out.close();
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        out.setWriteListener(listener);
    }
}
