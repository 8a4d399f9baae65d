/** Internals of the Vert.x adapter: request translation, body collection, response observation. Not API. */
package dev.aiguard.vertx.internal;
