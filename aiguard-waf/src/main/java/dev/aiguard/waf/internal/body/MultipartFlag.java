package dev.aiguard.waf.internal.body;

/**
 * Anomalies the multipart processor reports, one per ModSecurity {@code MULTIPART_*} flag variable. Any of them
 * (or a parse error) sets MULTIPART_STRICT_ERROR.
 */
public enum MultipartFlag {
    /** The boundary parameter was quoted. */
    BOUNDARY_QUOTED,
    /** Whitespace around the boundary parameter's {@code =} or inside the boundary. */
    BOUNDARY_WHITESPACE,
    /** Data before the first boundary. */
    DATA_BEFORE,
    /** Data after the final boundary. */
    DATA_AFTER,
    /** A part header continued on a following line. */
    HEADER_FOLDING,
    /** A line ended with a bare LF. */
    LF_LINE,
    /** Both CRLF and bare LF line ends were seen. */
    CRLF_LF_LINES,
    /** Content-Disposition parameters not separated by {@code ;}. */
    MISSING_SEMICOLON,
    /** A Content-Disposition value with broken or single quoting. */
    INVALID_QUOTING,
    /** A part that could not be understood (no Content-Disposition, not form-data, bad header line). */
    INVALID_PART,
    /** A folded header line in a place where folding is not allowed. */
    INVALID_HEADER_FOLDING,
    /** More files than the upload file limit. */
    FILE_LIMIT_EXCEEDED,
    /** A line that looks like a boundary but is not this body's boundary. */
    UNMATCHED_BOUNDARY
}
