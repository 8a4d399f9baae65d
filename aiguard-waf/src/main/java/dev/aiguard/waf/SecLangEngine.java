package dev.aiguard.waf;

import dev.aiguard.waf.internal.engine.EngineConfig;
import dev.aiguard.waf.internal.engine.RuleCompiler;
import dev.aiguard.waf.internal.engine.RuleEngineMode;
import dev.aiguard.waf.internal.engine.CompiledRule;
import dev.aiguard.waf.internal.engine.RuleSet;
import dev.aiguard.waf.internal.engine.Transaction;
import dev.aiguard.waf.internal.regex.RegexEngine;
import dev.aiguard.waf.internal.regex.RegexEngines;
import dev.aiguard.waf.internal.seclang.Directive;
import dev.aiguard.waf.internal.seclang.SecLangException;
import dev.aiguard.waf.internal.seclang.SecLangParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A SecLang (ModSecurity rule language) engine able to run the OWASP Core Rule Set unchanged. Rules are
 * parsed and compiled once, at {@link Builder#build()}; the engine is then immutable and thread-safe, and
 * {@link #newTransaction(WafRequest)} creates a cheap per-request {@link WafTransaction}.
 *
 * <pre>{@code
 * SecLangEngine waf = SecLangEngine.builder()
 *         .rules(crsDir.resolve("crs-setup.conf.example"))
 *         .rules(crsDir.resolve("rules"))
 *         .regexEngine("auto")
 *         .build();
 * WafResult result = waf.newTransaction(request).processRequest();
 * }</pre>
 */
public final class SecLangEngine {

    private final RuleSet rules;
    private final Map<String, String> initialTx;
    private final String regexEngine;
    private final String idPrefix;
    private final AtomicLong counter = new AtomicLong();

    private SecLangEngine(RuleSet rules, Map<String, String> initialTx, String regexEngine) {
        this.rules = rules;
        this.initialTx = Map.copyOf(initialTx);
        this.regexEngine = regexEngine;
        this.idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts inspecting a request. */
    public WafTransaction newTransaction(WafRequest request) {
        String uniqueId = idPrefix + Long.toHexString(counter.incrementAndGet());
        return new WafTransaction(new Transaction(rules, request, uniqueId, initialTx));
    }

    /** The regex engine in use: {@code hyperscan} or {@code re2j}. */
    public String regexEngine() {
        return regexEngine;
    }

    /** The tags of the loaded rule with this id, or empty when no rule has it (e.g. it was removed). */
    public Optional<List<String>> ruleTags(int id) {
        return rules.allRules().stream().filter(rule -> rule.id() == id).findFirst().map(CompiledRule::tags);
    }

    /** Number of top-level rules loaded (chain links not counted). */
    public int ruleCount() {
        return rules.allRules().size();
    }

    /** Builds a {@link SecLangEngine}. Sources are loaded in the order they are added. */
    public static final class Builder {
        private final List<Object> sources = new ArrayList<>();
        private String regexKind = "auto";
        private String ruleEngineOverride;
        private final Map<String, String> initialTx = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds rule files. A directory adds its {@code *.conf} files in name order (the CRS layout), a file
         * adds itself.
         */
        public Builder rules(Path... paths) {
            sources.addAll(List.of(paths));
            return this;
        }

        /** Adds rules given as text; {@code origin} names them in error messages and logs. */
        public Builder ruleText(String text, String origin) {
            sources.add(new TextSource(text, origin));
            return this;
        }

        /** {@code auto} (default: Hyperscan where it runs, else RE2/J), {@code hyperscan} or {@code re2j}. */
        public Builder regexEngine(String kind) {
            this.regexKind = kind;
            return this;
        }

        /** Overrides {@code SecRuleEngine}: {@code On}, {@code Off} or {@code DetectionOnly}. */
        public Builder ruleEngine(String mode) {
            RuleEngineMode.parse(mode);
            this.ruleEngineOverride = mode;
            return this;
        }

        /**
         * Sets a TX variable at the start of every transaction, before any rule runs. This is how CRS settings
         * are given without writing setup rules: CRS only fills in defaults for variables that are unset, e.g.
         * {@code txVariable("blocking_paranoia_level", "2")} or {@code txVariable("inbound_anomaly_score_threshold",
         * "10")}.
         */
        public Builder txVariable(String name, String value) {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("TX variable name and value are required");
            }
            initialTx.put(name.trim(), value);
            return this;
        }

        /**
         * Parses and compiles everything.
         *
         * @throws WafConfigException when a rule file cannot be read, parsed or compiled
         * @throws IllegalArgumentException for an unknown regex engine kind
         */
        public SecLangEngine build() {
            RegexEngine regex = RegexEngines.select(regexKind);
            SecLangParser parser = new SecLangParser();
            List<Directive> directives = new ArrayList<>();
            try {
                for (Object source : sources) {
                    if (source instanceof TextSource t) {
                        directives.addAll(parser.parseText(t.text(), Path.of(t.origin())));
                    } else {
                        for (Path file : expand((Path) source)) {
                            directives.addAll(parser.parseFile(file));
                        }
                    }
                }
                RuleSet set = new RuleCompiler(regex, EngineConfig.defaults()).compile(directives);
                FallbackRuleReport.log(directives, regex);
                if (ruleEngineOverride != null) {
                    set = set.withConfig(set.config().withRuleEngine(RuleEngineMode.parse(ruleEngineOverride)));
                }
                return new SecLangEngine(set, initialTx, regex.name());
            } catch (SecLangException e) {
                throw new WafConfigException(e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new WafConfigException("cannot read rules: " + e.getCause().getMessage(), e);
            }
        }

        private static List<Path> expand(Path path) {
            if (!Files.isDirectory(path)) {
                return List.of(path);
            }
            try (Stream<Path> files = Files.list(path)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record TextSource(String text, String origin) {
    }
}
