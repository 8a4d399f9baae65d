/**
 * Helpers for adapter authors (servlet filter, Vert.x handler, ...): the framework-neutral parts of answering a
 * blocked request ({@link dev.aiguard.api.adapter.ProblemAnswer}) and the stream-cut switch
 * ({@link dev.aiguard.api.adapter.StreamLimit}). Applications only meet {@code StreamLimit}.
 */
package dev.aiguard.api.adapter;
