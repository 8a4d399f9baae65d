package dev.aiguard.servlet.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;

/**
 * The request body as the application sees it: the bytes already read for inspection, then the rest of the original
 * stream. Supports non-blocking reads ({@link #setReadListener}): the buffered bytes are always ready.
 */
final class ReplayInputStream extends ServletInputStream {

    private final byte[] prefix;
    private final int prefixLength;
    private final ServletInputStream rest;
    private int position;

    ReplayInputStream(BodyPrefix body, ServletInputStream rest) {
        this.prefix = body.bytes();
        this.prefixLength = body.length();
        this.rest = rest;
    }

    private boolean prefixLeft() {
        return position < prefixLength;
    }

    @Override
    public int read() throws IOException {
        if (prefixLeft()) {
            return prefix[position++] & 0xFF;
        }
        return rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (prefixLeft()) {
            int n = Math.min(len, prefixLength - position);
            System.arraycopy(prefix, position, b, off, n);
            position += n;
            return n;
        }
        return rest.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return prefixLeft() ? prefixLength - position : rest.available();
    }

    @Override
    public boolean isFinished() {
        return !prefixLeft() && rest.isFinished();
    }

    @Override
    public boolean isReady() {
        return prefixLeft() || rest.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        rest.setReadListener(new PrefixFirstListener(listener));
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    /**
     * Makes sure the application is told about the buffered bytes: when the original stream is already at its end,
     * the container only reports "all data read", and the application would never read the prefix.
     */
    private final class PrefixFirstListener implements ReadListener {
        private final ReadListener app;

        PrefixFirstListener(ReadListener app) {
            this.app = app;
        }

        @Override
        public void onDataAvailable() throws IOException {
            app.onDataAvailable();
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (prefixLeft()) {
                app.onDataAvailable();
            }
            app.onAllDataRead();
        }

        @Override
        public void onError(Throwable t) {
            app.onError(t);
        }
    }
}
