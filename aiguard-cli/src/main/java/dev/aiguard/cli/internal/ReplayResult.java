package dev.aiguard.cli.internal;

/**
 * Totals of one replay run.
 *
 * @param requests   requests read (malformed lines included)
 * @param blocked    requests blocked
 * @param wouldBlock requests allowed that monitor mode would have blocked
 * @param errors     lines that could not be read as requests
 * @param nanos      wall-clock time of the run
 */
public record ReplayResult(long requests, long blocked, long wouldBlock, long errors, long nanos) {

    /** Requests per second over the whole run. */
    public double requestsPerSecond() {
        return nanos == 0 ? 0 : requests * 1e9 / nanos;
    }

    /** The summary line the CLI prints last. */
    public String summaryLine() {
        return String.format(java.util.Locale.ROOT, "replay: requests=%d blocked=%d wouldBlock=%d req_per_s=%.1f",
                requests, blocked, wouldBlock, requestsPerSecond());
    }
}
