package dev.aiguard.waf.internal.stage;

import dev.aiguard.api.Mode;
import dev.aiguard.api.StageContext;
import dev.aiguard.waf.CrsStageConfig;
import dev.aiguard.waf.SecLangEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a {@code type: crs} stage configuration into a SecLang engine: engine settings, the CRS setup file, a setup
 * rule with the policy's paranoia levels and thresholds, the CRS rules, the policy's exclusions, then extra rules.
 */
public final class CrsRuleSetup {

    /** ModSecurity settings the CRS expects (its recommended configuration's body handling). */
    static final String ENGINE_SETTINGS = String.join("\n",
            "SecRuleEngine On",
            "SecRequestBodyAccess On",
            "SecRule REQBODY_ERROR \"!@eq 0\" \"id:200002,phase:2,t:none,log,deny,status:400,"
                    + "msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2\"",
            "");

    private CrsRuleSetup() {
    }

    /** Builds the engine for a stage. */
    public static SecLangEngine build(CrsStageConfig config, Path crsDir, StageContext context) {
        SecLangEngine.Builder builder = SecLangEngine.builder()
                .regexEngine(config.engine())
                .ruleText(ENGINE_SETTINGS, "aiguard-crs-engine.conf");
        Path setup = Files.exists(crsDir.resolve("crs-setup.conf")) ? crsDir.resolve("crs-setup.conf")
                : crsDir.resolve("crs-setup.conf.example");
        if (Files.exists(setup)) {
            builder.rules(setup);
        }
        if (config.responses().enabled()) {
            builder.ruleText(responseSettings(config.responses()), "aiguard-crs-response.conf");
        }
        builder.ruleText(settingsRule(config), "aiguard-crs-settings.conf")
                .rules(crsDir.resolve("rules"));
        String exclusions = exclusions(config, context.ruleModes());
        if (!exclusions.isEmpty()) {
            builder.ruleText(exclusions, "aiguard-crs-exclusions.conf");
        }
        for (String extra : config.extraRules()) {
            builder.rules(context.resolve(extra));
        }
        return builder.build();
    }

    /** Response body access for the RESPONSE-95x rules: the types a model or an API answers with. */
    static String responseSettings(CrsStageConfig.ResponseScope responses) {
        return String.join("\n",
                "SecResponseBodyAccess On",
                "SecResponseBodyMimeType text/plain text/html text/xml application/json application/problem+json",
                "SecResponseBodyLimit " + responses.maxBodyBytes(),
                "SecResponseBodyLimitAction ProcessPartial",
                "");
    }

    /** The policy's levels and thresholds as the setup rule CRS documents (id 900000-range). */
    static String settingsRule(CrsStageConfig c) {
        return "SecAction \"id:900990001,phase:1,nolog,pass,t:none,"
                + "setvar:tx.blocking_paranoia_level=" + c.paranoiaLevel() + ","
                + "setvar:tx.detection_paranoia_level=" + c.detectionParanoiaLevel() + ","
                + "setvar:tx.inbound_anomaly_score_threshold=" + c.inboundThreshold() + ","
                + "setvar:tx.outbound_anomaly_score_threshold=" + c.outboundThreshold() + "\"\n";
    }

    /** Removals by id and tag, target exclusions, and rules whose policy mode is {@code off}. */
    static String exclusions(CrsStageConfig c, Map<String, Mode> ruleModes) {
        StringBuilder sb = new StringBuilder();
        for (String id : c.removeRules()) {
            sb.append("SecRuleRemoveById ").append(id).append('\n');
        }
        for (String tag : c.removeTags()) {
            sb.append("SecRuleRemoveByTag \"").append(escape(tag)).append("\"\n");
        }
        for (CrsStageConfig.TargetExclusion t : c.removeTargets()) {
            sb.append("SecRuleUpdateTargetById ").append(t.rule()).append(" \"!").append(escape(t.target())).append("\"\n");
        }
        ruleModes.forEach((rule, mode) -> {
            if (mode == Mode.OFF && rule.matches("\\d{1,9}")) {
                sb.append("SecRuleRemoveById ").append(rule).append('\n');
            }
        });
        return sb.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
