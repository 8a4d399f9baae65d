/**
 * The grpc-java adapter: {@link dev.aiguard.grpc.AiGuardInterceptor} puts a {@link dev.aiguard.api.Guard} in front of
 * a gRPC service; {@link dev.aiguard.grpc.DescriptorRegistry} tells it the message types it may meet (for the JSON
 * view of messages), and {@link dev.aiguard.grpc.UsageExtractor} reads token usage from response messages.
 * Everything under {@code internal} is not API.
 */
package dev.aiguard.grpc;
