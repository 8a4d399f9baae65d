package dev.aiguard.cli;

import dev.aiguard.api.Block;
import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.api.StageOutcome;

import java.util.List;

/** Test stage {@code type: keyword}: blocks requests whose body contains a word. */
public final class KeywordStageFactory implements StageFactory<KeywordStageFactory.Config> {

    /** @param word the word that blocks */
    public record Config(String word) {
    }

    @Override
    public String type() {
        return "keyword";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public void validate(Config config, ConfigProblems problems) {
        problems.require(config.word() != null && !config.word().isEmpty(), "word", "must not be empty");
    }

    @Override
    public Stage create(Config config, StageContext context) {
        return exchange -> {
            if (exchange.request().bodyAsString().contains(config.word())) {
                Finding f = new Finding(context.name(), "keyword." + config.word(), Severity.HIGH,
                        "body contains '" + config.word() + "'", "body", config.word(), 5, List.of());
                return StageOutcome.block(Block.forbidden("keyword", List.of(f.ruleId())), List.of(f));
            }
            return StageOutcome.pass();
        };
    }
}
