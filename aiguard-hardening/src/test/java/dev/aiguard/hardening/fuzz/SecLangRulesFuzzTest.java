package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.waf.SecLangEngine;
import dev.aiguard.waf.WafConfigException;

import java.nio.charset.StandardCharsets;

/**
 * The SecLang parser and rule compiler on arbitrary rule text: a rule file either loads or is refused with a
 * {@link WafConfigException}; nothing else may escape (no NPE, index or regex-syntax exceptions, no hang).
 */
class SecLangRulesFuzzTest {

    @FuzzTest
    void ruleTextLoadsOrIsRefusedWithAConfigError(byte[] input) {
        String ruleText = new String(input, StandardCharsets.ISO_8859_1);
        try {
            SecLangEngine.builder().regexEngine("re2j").ruleText(ruleText, "fuzz.conf").build();
        } catch (WafConfigException expected) {
            // A precise load error is the defined outcome for a broken rule file.
        }
    }
}
