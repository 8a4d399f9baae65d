package dev.aiguard.output.internal.stream;

import java.util.List;

/** Cuts a response body, fed in chunks of any size, into {@link Event}s. One per response; not thread-safe. */
interface Framer {

    /** Takes a chunk; adds the events it completes to {@code out}. */
    void feed(byte[] bytes, int offset, int length, List<Event> out);

    /** End of body: adds what is left as events. */
    void finish(List<Event> out);
}
