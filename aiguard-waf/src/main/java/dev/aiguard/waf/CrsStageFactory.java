package dev.aiguard.waf;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.waf.internal.stage.CrsRuleSetup;
import dev.aiguard.waf.internal.stage.CrsStage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The {@code type: crs} stage: OWASP CRS in-process, with per-rule modes and exclusions from the policy. */
public final class CrsStageFactory implements StageFactory<CrsStageConfig> {

    private static final Set<String> ENGINES = Set.of("auto", "hyperscan", "re2j");

    @Override
    public String type() {
        return "crs";
    }

    @Override
    public Class<CrsStageConfig> configType() {
        return CrsStageConfig.class;
    }

    @Override
    public void validate(CrsStageConfig c, ConfigProblems problems) {
        problems.require(c.directory() != null && !c.directory().isBlank(), "directory", "must name the CRS directory");
        problems.require(c.paranoiaLevel() >= 1 && c.paranoiaLevel() <= 4, "paranoiaLevel", "must be 1 to 4");
        problems.require(c.detectionParanoiaLevel() >= c.paranoiaLevel() && c.detectionParanoiaLevel() <= 4,
                "detectionParanoiaLevel", "must be between paranoiaLevel and 4");
        problems.require(c.inboundThreshold() > 0, "inboundThreshold", "must be > 0");
        problems.require(c.outboundThreshold() > 0, "outboundThreshold", "must be > 0");
        problems.require(ENGINES.contains(c.engine()), "engine", "must be one of auto, hyperscan, re2j");
        for (int i = 0; i < c.removeRules().size(); i++) {
            problems.require(c.removeRules().get(i).matches("\\d{1,9}(-\\d{1,9})?"), "removeRules[" + i + "]",
                    "must be a rule id or a range like 942100-942199");
        }
        for (int i = 0; i < c.removeTargets().size(); i++) {
            CrsStageConfig.TargetExclusion t = c.removeTargets().get(i);
            problems.require(t.rule() != null && t.rule().matches("\\d{1,9}"), "removeTargets[" + i + "].rule", "must be a rule id");
            problems.require(t.target() != null && t.target().matches("[A-Za-z_]+(:.+)?"), "removeTargets[" + i + "].target",
                    "must be a SecLang target like ARGS:prompt");
        }
        validatePrompts(c.prompts(), problems);
        problems.require("audit".equalsIgnoreCase(c.responses().streaming())
                || "strict".equalsIgnoreCase(c.responses().streaming()), "responses.streaming", "must be audit or strict");
        problems.require(c.responses().maxBodyBytes() >= 1024 && c.responses().maxBodyBytes() <= 64 << 20,
                "responses.maxBodyBytes", "must be 1024..67108864");
    }

    private static void validatePrompts(CrsStageConfig.PromptScope p, ConfigProblems problems) {
        validateFamilies(p.excludeFamilies(), "prompts.excludeFamilies", problems);
        p.roles().forEach((role, scope) -> {
            problems.require(LlmFields.ROLES.contains(role), "prompts.roles." + role,
                    "unknown role (system, user, assistant, tool_result, retrieved_document)");
            if (scope != null && scope.excludeFamilies() != null) {
                validateFamilies(scope.excludeFamilies(), "prompts.roles." + role + ".excludeFamilies", problems);
            }
        });
    }

    private static void validateFamilies(java.util.List<String> families, String path, ConfigProblems problems) {
        for (int i = 0; i < families.size(); i++) {
            String f = families.get(i);
            problems.require(f != null && (f.trim().equals("*") || f.trim().matches("\\d{3}")), path + "[" + i + "]",
                    "must be a rule family like 942 (rule id / 1000) or *");
        }
    }

    @Override
    public Stage create(CrsStageConfig config, StageContext context) {
        Path directory = context.resolve(config.directory());
        if (!Files.isDirectory(directory.resolve("rules"))) {
            throw new IllegalArgumentException("CRS directory " + directory + " has no rules/ folder");
        }
        SecLangEngine engine = CrsRuleSetup.build(config, directory, context);
        return new CrsStage(context.name(), engine, config.prompts(), config.responses());
    }
}
