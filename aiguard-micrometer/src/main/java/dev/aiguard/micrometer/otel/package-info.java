/** OpenTelemetry span attributes and events for the guard (GenAI semantic conventions); needs opentelemetry-api. */
package dev.aiguard.micrometer.otel;
