package dev.aiguard.waf.crstest;

/** How a regression test came out. */
public enum Outcome {
    PASSED,
    FAILED,
    /** The test checks something an in-process WAF cannot show (the web server's own HTTP handling). */
    NOT_APPLICABLE
}
