package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.SecLangEngine;
import dev.aiguard.waf.WafRequest;

import java.util.List;

/**
 * The urlencoded, multipart, JSON and XML body processors on arbitrary bodies: processing never throws; a body the
 * processor cannot parse sets {@code REQBODY_ERROR} (or the multipart strict flags), which rules can act on. The rules
 * touch every collection the processors fill, so lazily built values are built too.
 */
class BodyProcessorFuzzTest {

    private static final String RULES = String.join("\n",
            "SecRuleEngine On",
            "SecRequestBodyAccess On",
            "SecRule REQUEST_HEADERS:Content-Type \"@rx ^application/json\" "
                    + "\"id:1,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON\"",
            "SecRule REQUEST_HEADERS:Content-Type \"@rx ^(?:application|text)/xml\" "
                    + "\"id:2,phase:1,pass,nolog,ctl:requestBodyProcessor=XML\"",
            "SecRule REQBODY_ERROR \"!@eq 0\" \"id:10,phase:2,pass,log,msg:'body error %{reqbody_error_msg}'\"",
            "SecRule MULTIPART_STRICT_ERROR \"!@eq 0\" \"id:11,phase:2,pass,log\"",
            "SecRule ARGS|ARGS_NAMES|FILES|FILES_NAMES|XML:/* \"@rx (?i)select\" \"id:12,phase:2,pass,log,t:urlDecodeUni\"",
            "SecRule &ARGS \"@gt 1000\" \"id:13,phase:2,pass,log\"",
            "");
    private static final String[] CONTENT_TYPES = {"application/x-www-form-urlencoded",
            "multipart/form-data; boundary=", "application/json", "text/xml", "application/json; charset=utf-8"};

    private final SecLangEngine engine = SecLangEngine.builder().regexEngine("re2j").ruleText(RULES, "fuzz.conf").build();

    @FuzzTest
    void everyBodyProcessorCopesWithAnyBody(FuzzedDataProvider data) {
        String contentType = data.pickValue(CONTENT_TYPES);
        if (contentType.endsWith("boundary=")) {
            contentType += data.consumeAsciiString(data.consumeInt(0, 70));
        }
        byte[] body = data.consumeRemainingAsBytes();
        WafRequest request = new WafRequest("POST", "/upload", "HTTP/1.1",
                List.of(new HttpHeader("Host", "example.com"), new HttpHeader("Content-Type", contentType),
                        new HttpHeader("Content-Length", Integer.toString(body.length))),
                "203.0.113.9", 40000, "example.com", 80, body);
        engine.newTransaction(request).processRequest();
    }
}
