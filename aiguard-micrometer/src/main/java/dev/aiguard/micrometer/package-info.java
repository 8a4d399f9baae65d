/**
 * Micrometer metrics for AIGuard ({@link dev.aiguard.micrometer.AiGuardMetrics}); OpenTelemetry span attributes are in
 * {@code dev.aiguard.micrometer.otel}. See {@code docs/observability.md}.
 */
package dev.aiguard.micrometer;
