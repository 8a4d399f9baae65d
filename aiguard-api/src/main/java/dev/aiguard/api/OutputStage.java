package dev.aiguard.api;

/**
 * A {@link Stage} that also inspects what the model answers. The guard asks it once per response, through
 * {@link Guard#responseGuard}, for an {@link OutputFilter} that sees the response bytes chunk by chunk and decides what
 * is forwarded. Only stages whose {@link Stage#inspect} ran for the exchange, and whose mode is not {@code off}, are
 * asked.
 *
 * <p>Adapter-agnostic: the servlet filter, a gRPC interceptor or a Vert.x handler all drive it the same way.
 */
public interface OutputStage {

    /**
     * Opens inspection of one response.
     *
     * @param exchange    the exchange the response belongs to
     * @param contentType the response's content type (may be empty)
     * @param mode        the stage's effective mode: under {@link Mode#MONITOR} the filter must forward the bytes
     *                    unchanged (nothing redacted, nothing cut) and only report findings
     * @return a filter for this response, or {@code null} when there is nothing to inspect in it (e.g. an image)
     */
    OutputFilter openOutput(Exchange exchange, String contentType, Mode mode);
}
