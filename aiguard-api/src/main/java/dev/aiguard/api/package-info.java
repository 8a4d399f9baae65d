/**
 * AIGuard's public API: the request and verdict model, the {@code Guard} pipeline, the stage SPI,
 * policy as code and security events.
 */
package dev.aiguard.api;
