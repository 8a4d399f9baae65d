package dev.aiguard.waf.internal.seclang;

/**
 * One directive's text after joining continuation lines.
 *
 * @param text the joined text, without the continuation backslashes and line breaks
 * @param line the 1-based number of its first physical line
 */
record LogicalLine(String text, int line) {
}
