package dev.aiguard.waf.crstest;

import dev.aiguard.waf.SecLangEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds an engine configured like the CRS project's own regression CI: ModSecurity in DetectionOnly with
 * request and response body access (text/plain, text/html, text/xml, application/json), the recommended
 * configuration's body-error rules, the CRS setup template, and the CI's settings (blocking paranoia level 4,
 * ARG_LENGTH 400, TOTAL_ARG_LENGTH 6400, MAX_FILE_SIZE 64100, COMBINED_FILE_SIZES 65535, ...). The XML and JSON
 * body processors are chosen from the Content-Type natively (what the recommended rules 200000/200001 do).
 */
public final class CrsTestSetup {

    /** Engine settings and the recommended-configuration checks, loaded before the CRS. */
    static final String ENGINE_SETTINGS = String.join("\n",
            "SecRuleEngine DetectionOnly",
            "SecRequestBodyAccess On",
            "SecResponseBodyAccess On",
            "SecResponseBodyMimeType text/plain text/html text/xml application/json",
            "SecRule REQBODY_ERROR \"!@eq 0\" \"id:200002,phase:2,t:none,log,deny,status:400,"
                    + "msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2\"",
            "SecRule MULTIPART_STRICT_ERROR \"!@eq 0\" \"id:200003,phase:2,t:none,log,deny,status:400,"
                    + "msg:'Multipart request body failed strict validation.',severity:2\"",
            "");

    /** The paranoia level the CRS project's CI runs its regression tests at. */
    public static final int CI_PARANOIA_LEVEL = 4;

    /** The CI's CRS settings (paranoia level as a format argument), equivalent to the setup rule the CRS regression README suggests. */
    static final String CI_SETTINGS = String.join("\n",
            "SecAction \"id:900005,phase:1,nolog,pass,t:none,"
                    + "ctl:ruleRemoveById=910000,"
                    + "setvar:tx.blocking_paranoia_level=%d,"
                    + "setvar:tx.crs_validate_utf8_encoding=1,"
                    + "setvar:tx.arg_name_length=100,"
                    + "setvar:tx.arg_length=400,"
                    + "setvar:tx.total_arg_length=6400,"
                    + "setvar:tx.max_num_args=255,"
                    + "setvar:tx.max_file_size=64100,"
                    + "setvar:tx.combined_file_sizes=65535\"",
            "");

    private CrsTestSetup() {
    }

    /**
     * Builds the engine.
     *
     * @param crsDir    a CRS checkout: {@code crs-setup.conf.example} and {@code rules/}
     * @param regexKind {@code re2j}, {@code hyperscan} or {@code auto}
     */
    public static SecLangEngine engine(Path crsDir, String regexKind) {
        return engine(crsDir, regexKind, CI_PARANOIA_LEVEL);
    }

    /**
     * Builds the engine with another blocking (and so detection) paranoia level than the CI's 4; see
     * {@link ParanoiaScope} for which tests still apply.
     *
     * @param paranoiaLevel 1 to 4
     */
    public static SecLangEngine engine(Path crsDir, String regexKind, int paranoiaLevel) {
        if (paranoiaLevel < 1 || paranoiaLevel > CI_PARANOIA_LEVEL) {
            throw new IllegalArgumentException("paranoia level must be 1 to 4, got " + paranoiaLevel);
        }
        SecLangEngine.Builder b = SecLangEngine.builder()
                .regexEngine(regexKind)
                .ruleText(ENGINE_SETTINGS, "aiguard-crs-test-engine.conf");
        Path setup = crsDir.resolve("crs-setup.conf.example");
        if (Files.exists(setup)) {
            b.rules(setup);
        }
        return b.ruleText(String.format(Locale.ROOT, CI_SETTINGS, paranoiaLevel), "aiguard-crs-test-settings.conf")
                .rules(crsDir.resolve("rules"))
                .build();
    }

    /** The go-ftw test directory of a CRS checkout. */
    public static Path testsDir(Path crsDir) {
        return crsDir.resolve("tests").resolve("regression").resolve("tests");
    }
}
