package dev.aiguard.waf;

/**
 * One HTTP header field. Name and value are byte strings: each char is one byte of the header as received
 * (the ISO-8859-1 view), so non-ASCII bytes reach the rules unchanged.
 */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        if (name == null || value == null) {
            throw new IllegalArgumentException("header name and value must not be null");
        }
    }
}
