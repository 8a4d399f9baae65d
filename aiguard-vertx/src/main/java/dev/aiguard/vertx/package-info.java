/**
 * The Vert.x Web adapter: {@link dev.aiguard.vertx.AiGuardHandler} puts a {@link dev.aiguard.api.Guard} in front of
 * the routes after it, without blocking the event loop. Everything under {@code internal} is not API.
 */
package dev.aiguard.vertx;
