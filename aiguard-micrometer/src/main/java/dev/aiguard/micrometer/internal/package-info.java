/** Cardinality bounds and tallies behind the metrics; not API. */
package dev.aiguard.micrometer.internal;
