package dev.aiguard.servlet;

import java.net.URI;

/** A servlet container under test, listening on 127.0.0.1. */
interface ServletServer extends AutoCloseable {

    /** The absolute URI of a path (with query) on this server. */
    URI uri(String pathAndQuery);

    @Override
    void close();
}
