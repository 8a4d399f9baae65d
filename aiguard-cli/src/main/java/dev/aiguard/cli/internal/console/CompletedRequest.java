package dev.aiguard.cli.internal.console;

import java.time.Instant;

/**
 * One request the guard finished, as the console counts it (no request data beyond route and model).
 *
 * @param time       when it ended
 * @param identity   the caller's subject ({@code anonymous} when none)
 * @param route      the request path
 * @param model      the model named in the body, or null
 * @param status     HTTP status answered
 * @param blocked    whether the guard refused it
 * @param wouldBlock whether a monitor-mode stage would have refused it
 * @param tokens     tokens the model reported (0 when none)
 */
public record CompletedRequest(Instant time, String identity, String route, String model, int status, boolean blocked,
                               boolean wouldBlock, long tokens) {
}
