package dev.aiguard.grpc.internal;

import dev.aiguard.api.Guard;
import dev.aiguard.grpc.UsageExtractor;

/**
 * What an interceptor was built with.
 *
 * @param guard            inspects the first message of every call (and calls without messages)
 * @param views            makes the JSON view of messages
 * @param usageExtractor   reads usage from response messages
 * @param followUpGuard    inspects later messages of client-streaming and bidi calls; {@code null}: they pass
 * @param followUpMessages how many later messages {@code followUpGuard} inspects per call at most
 */
public record Settings(Guard guard, MessageView views, UsageExtractor usageExtractor, Guard followUpGuard,
                       int followUpMessages) {
}
