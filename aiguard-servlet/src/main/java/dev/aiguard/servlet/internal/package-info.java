/** Internals of the servlet adapter: request translation, body replay, response observation. Not API. */
package dev.aiguard.servlet.internal;
