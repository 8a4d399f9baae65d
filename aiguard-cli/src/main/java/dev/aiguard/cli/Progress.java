package dev.aiguard.cli;

import java.io.PrintWriter;

/** A one-line progress counter on a terminal; silent otherwise. */
final class Progress {

    private final PrintWriter err;
    private final boolean enabled;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress forConsole(boolean interactive, PrintWriter err) {
        return new Progress(err, interactive);
    }

    void update(long done) {
        if (enabled) {
            err.print("\r" + done + " requests");
            err.flush();
        }
    }

    void finish() {
        if (enabled) {
            err.println();
            err.flush();
        }
    }
}
