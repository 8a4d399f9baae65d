/**
 * The Jakarta Servlet 6.0 adapter: {@link dev.aiguard.servlet.AiGuardFilter} puts a {@link dev.aiguard.api.Guard}
 * in front of a servlet application, and {@link dev.aiguard.servlet.StreamLimit} is the switch that cuts streamed
 * responses. Everything under {@code internal} is not API.
 */
package dev.aiguard.servlet;
