package dev.aiguard.waf.internal.body;

import java.util.List;

/**
 * What a request-body processor produced.
 *
 * @param args  arguments (for ARGS_POST)
 * @param error the parse error (REQBODY_ERROR_MSG), or {@code null} when the body parsed
 */
public record BodyResult(List<Param> args, String error) {
    public BodyResult {
        args = List.copyOf(args);
    }
}
