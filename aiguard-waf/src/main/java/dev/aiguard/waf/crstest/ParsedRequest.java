package dev.aiguard.waf.crstest;

import dev.aiguard.waf.WafRequest;

/**
 * A request as the web server understood it.
 *
 * @param request        the request handed to the WAF
 * @param rejectedReason why the web server would refuse the request before the WAF sees it; {@code null} if not
 */
public record ParsedRequest(WafRequest request, String rejectedReason) {
}
