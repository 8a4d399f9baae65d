package dev.aiguard.api;

/**
 * Inspects one response as it passes: bytes go in as the application (or upstream) writes them, and what comes out is
 * what the client gets. A filter may forward bytes unchanged, rewrite them (redaction), hold some back (so that a
 * secret split across two chunks is still seen whole), or stop the response. Held-back bytes must stay bounded.
 *
 * <p>One filter per response, used by one thread at a time; not thread-safe.
 */
public interface OutputFilter {

    /** Takes the next chunk of the response body and returns what to forward now. */
    OutputChunk write(byte[] bytes, int offset, int length);

    /** The response body ended: returns whatever was still held back (inspected) and the last findings. */
    OutputChunk finish();
}
