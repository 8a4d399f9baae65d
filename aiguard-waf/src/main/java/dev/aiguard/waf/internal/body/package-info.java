/**
 * Request-body processors: URLENCODED ({@link dev.aiguard.waf.internal.body.UrlEncoded}), JSON
 * ({@link dev.aiguard.waf.internal.body.JsonBody}, Jackson streaming, depth and argument limits), XML
 * ({@link dev.aiguard.waf.internal.body.XmlBody}, StAX without DTDs or external entities) and MULTIPART
 * ({@link dev.aiguard.waf.internal.body.MultipartBody}, with ModSecurity's strictness flags). All work on byte
 * strings (one char per byte), never throw on malformed input, and report problems as an error message.
 */
package dev.aiguard.waf.internal.body;
