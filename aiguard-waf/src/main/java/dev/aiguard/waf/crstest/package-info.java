/**
 * An in-process runner for the OWASP CRS go-ftw regression tests: {@link dev.aiguard.waf.crstest.FtwLoader} reads
 * the YAML, {@link dev.aiguard.waf.crstest.FtwRequestBuilder} builds each request as go-ftw 2.x sends it,
 * {@link dev.aiguard.waf.crstest.RawHttpParser} stands in for Apache httpd, {@link dev.aiguard.waf.crstest.AlbedoBackend}
 * for the reflecting backend, and {@link dev.aiguard.waf.crstest.FtwRunner} judges each stage against the WAF's
 * log lines. {@link dev.aiguard.waf.crstest.CrsTestSetup} configures an engine like the CRS CI.
 */
package dev.aiguard.waf.crstest;
