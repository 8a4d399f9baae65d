package dev.aiguard.micrometer;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics read back from real registries after real guard traffic. */
class AiGuardMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static Guard guard(AiGuardMetrics metrics, String version) {
        GuardConfig config = GuardConfig.builder().version(version)
                .stage("identity", TestStages.identity())
                .stage("budget", TestStages.budget())
                .stage("rules", TestStages.rules())
                .build();
        return Guard.create(config, List.of(metrics));
    }

    private static void run(Guard guard, String path, String tenant, long reserve, long used) {
        Verdict v = guard.inspect(TestStages.request(path, tenant, reserve));
        guard.complete(v.exchange(), ResponseInfo.of(v.httpStatus(), new Usage(used, 0)));
    }

    private static AiGuardMetrics metrics(MetricsOptions options, MeterRegistry registry) {
        AiGuardMetrics metrics = new AiGuardMetrics(options);
        metrics.bindTo(registry);
        return metrics;
    }

    @Test
    void countsRequestsByVerdictAndTimesEveryStage() {
        Guard guard = guard(metrics(MetricsOptions.DEFAULTS, registry), "v1");

        run(guard, "/ok", "acme", 10, 5);
        run(guard, "/ok", "acme", 10, 5);
        run(guard, "/attack/942100", "evil", 10, 0);

        assertThat(registry.get("aiguard.requests").tags("verdict", "allowed", "stage", "none", "reason", "allowed")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get("aiguard.requests").tags("verdict", "blocked", "stage", "rules", "reason", "test.rule")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("aiguard.stage.duration").tags("stage", "identity", "outcome", "pass").timer().count())
                .isEqualTo(3);
        assertThat(registry.get("aiguard.stage.duration").tags("stage", "rules", "outcome", "block").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("aiguard.inspect.duration").tags("verdict", "allowed").timer().count()).isEqualTo(2);
        assertThat(registry.get("aiguard.blocks").tags("stage", "rules", "rule", "942100").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("aiguard.findings").tags("rule", "942100", "severity", "high").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void ruleIdTagsAreCappedAndOverflowToOther() {
        MetricsOptions options = new MetricsOptions(3, 50, 10, 1000, Duration.ZERO);
        Guard guard = guard(metrics(options, registry), "v1");

        for (int i = 0; i < 20; i++) {
            run(guard, "/attack/rule-" + i, "t", 0, 0);
        }

        Set<String> ruleTags = registry.find("aiguard.blocks").counters().stream()
                .map(c -> c.getId().getTag("rule")).collect(Collectors.toSet());
        assertThat(ruleTags).containsExactlyInAnyOrder("rule-0", "rule-1", "rule-2", "other");
        assertThat(registry.get("aiguard.blocks").tags("rule", "other").counter().count()).isEqualTo(17.0);
        double total = registry.find("aiguard.blocks").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(total).isEqualTo(20.0);
    }

    @Test
    void tokensPerTenantShowTheTopSpendersAndTheRestAsOther() {
        MetricsOptions options = new MetricsOptions(100, 50, 2, 1000, Duration.ofHours(1));
        AiGuardMetrics metrics = metrics(options, registry);
        Guard guard = guard(metrics, "v1");

        run(guard, "/ok", "small", 100, 10);     // charged 10, refunded 90
        run(guard, "/ok", "big", 1000, 800);     // charged 800
        run(guard, "/ok", "medium", 500, 300);   // charged 300
        run(guard, "/ok", "medium", 500, 100);   // charged 100 more: 400
        run(guard, "/attack/1", "evil", 50, 0);  // blocked: reserved 50, refunded 50
        metrics.refreshTopTenants();

        assertThat(tenantTokens("big", "charged")).isEqualTo(800.0);
        assertThat(tenantTokens("medium", "charged")).isEqualTo(400.0);
        assertThat(tenantTokens("medium", "reserved")).isEqualTo(1000.0);
        assertThat(tenantTokens("other", "charged")).isEqualTo(10.0);
        assertThat(tenantTokens("other", "refunded")).isEqualTo(90.0 + 50.0);
        Set<String> tenants = registry.find("aiguard.tenant.tokens").gauges().stream()
                .map(g -> g.getId().getTag("tenant")).collect(Collectors.toSet());
        assertThat(tenants).containsExactlyInAnyOrder("big", "medium", "other");
        assertThat(registry.get("aiguard.tokens").tags("kind", "reserved").counter().count()).isEqualTo(2150.0);
        assertThat(registry.get("aiguard.tokens").tags("kind", "charged").counter().count()).isEqualTo(1210.0);
        assertThat(registry.get("aiguard.tokens").tags("kind", "refunded").counter().count()).isEqualTo(940.0);
        assertThat(registry.get("aiguard.model.tokens").tags("type", "input").counter().count()).isEqualTo(1210.0);
    }

    @Test
    void topTenantsFollowSpendingAcrossRefreshes() {
        MetricsOptions options = new MetricsOptions(100, 50, 1, 1000, Duration.ofHours(1));
        AiGuardMetrics metrics = metrics(options, registry);
        Guard guard = guard(metrics, "v1");
        run(guard, "/ok", "first", 100, 100);
        metrics.refreshTopTenants();
        assertThat(tenantTokens("first", "charged")).isEqualTo(100.0);

        run(guard, "/ok", "second", 500, 500);
        metrics.refreshTopTenants();

        assertThat(tenantTokens("second", "charged")).isEqualTo(500.0);
        assertThat(tenantTokens("other", "charged")).isEqualTo(100.0);
        assertThat(registry.find("aiguard.tenant.tokens").tag("tenant", "first").gauges()).isEmpty();
    }

    private double tenantTokens(String tenant, String kind) {
        return registry.get("aiguard.tenant.tokens").tags("tenant", tenant, "kind", kind).gauge().value();
    }

    @Test
    void inFlightGaugeCountsAdmittedRequestsUntilTheyComplete() {
        Guard guard = guard(metrics(MetricsOptions.DEFAULTS, registry), "v1");

        Verdict a = guard.inspect(TestStages.request("/ok", "t", 1));
        Verdict b = guard.inspect(TestStages.request("/ok", "t", 1));
        Verdict blocked = guard.inspect(TestStages.request("/attack/x", "t", 1));
        double during = registry.get("aiguard.inflight").gauge().value();
        guard.complete(a.exchange(), ResponseInfo.of(200, Usage.unknown()));
        guard.complete(blocked.exchange(), ResponseInfo.of(403, Usage.unknown()));
        double after = registry.get("aiguard.inflight").gauge().value();
        guard.complete(b.exchange(), ResponseInfo.of(200, Usage.unknown()));

        assertThat(during).isEqualTo(2.0);
        assertThat(after).isEqualTo(1.0);
        assertThat(registry.get("aiguard.inflight").gauge().value()).isZero();
    }

    @Test
    void policyVersionAndStagesFollowUpdates() {
        AiGuardMetrics metrics = new AiGuardMetrics();
        Guard guard = guard(metrics, "v1");
        metrics.bindTo(registry); // bound after the guard was created: the configuration is replayed

        assertThat(registry.get("aiguard.policy").tag("version", "v1").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("aiguard.stage.info").tags("stage", "rules", "mode", "enforce", "regex_engine", "none")
                .gauge().value()).isEqualTo(1.0);

        guard.update(GuardConfig.builder().version("v2").stage("identity", TestStages.identity()).build());

        assertThat(registry.find("aiguard.policy").tag("version", "v1").gauges()).isEmpty();
        assertThat(registry.get("aiguard.policy").tag("version", "v2").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("aiguard.stage.info").gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("stage")).isEqualTo("identity"));
        assertThat(registry.get("aiguard.policy.reloads").tag("result", "loaded").counter().count()).isEqualTo(1.0);
    }

    @Test
    void stageFailuresAreCountedByKind() {
        GuardConfig config = GuardConfig.builder().stage("broken", exchange -> {
            throw new IllegalStateException("bug");
        }).build();
        Guard guard = Guard.create(config, List.of(metrics(MetricsOptions.DEFAULTS, registry)));

        Verdict v = guard.inspect(TestStages.request("/ok", "t", 0));

        assertThat(v.httpStatus()).isEqualTo(503);
        assertThat(registry.get("aiguard.stage.failures").tags("stage", "broken", "kind", "error").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("aiguard.stage.duration").tags("stage", "broken", "outcome", "error").timer().count())
                .isEqualTo(1);
    }

    @Test
    void closeRemovesTheGauges() {
        AiGuardMetrics metrics = metrics(MetricsOptions.DEFAULTS, registry);
        Guard guard = guard(metrics, "v1");
        run(guard, "/ok", "t", 10, 1);

        guard.close();

        assertThat(registry.find("aiguard.inflight").gauges()).isEmpty();
        assertThat(registry.find("aiguard.policy").gauges()).isEmpty();
        assertThat(registry.get("aiguard.requests").counters()).isNotEmpty();
    }

    @Test
    void prometheusScrapeShowsTheMeters() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AiGuardMetrics metrics = metrics(MetricsOptions.DEFAULTS, prometheus);
        Guard guard = guard(metrics, "v7");
        run(guard, "/ok", "acme", 100, 40);
        run(guard, "/attack/941100", "evil", 0, 0);
        metrics.refreshTopTenants();

        String scrape = prometheus.scrape();

        assertThat(scrape)
                .contains("aiguard_requests_total{reason=\"allowed\",stage=\"none\",verdict=\"allowed\"} 1.0")
                .contains("aiguard_requests_total{reason=\"test.rule\",stage=\"rules\",verdict=\"blocked\"} 1.0")
                .contains("aiguard_blocks_total{rule=\"941100\",stage=\"rules\"} 1.0")
                .contains("aiguard_tokens_total{kind=\"charged\"} 40.0")
                .contains("aiguard_tenant_tokens{kind=\"charged\",tenant=\"acme\"} 40.0")
                .contains("aiguard_policy{version=\"v7\"} 1.0")
                .contains("aiguard_inflight 0.0")
                .contains("aiguard_stage_duration_seconds_count{outcome=\"pass\",stage=\"identity\"} 2");
    }

    @Test
    void policySinkTypeMicrometerBindsWithItsLimits() throws Exception {
        PolicyLoader loader = PolicyLoader.builder().sinkFactory(new MicrometerSinkFactory(registry)).build();
        String yaml = """
                apiVersion: aiguard.dev/v1
                events:
                  sinks:
                    - type: micrometer
                      maxRuleIds: 1
                      topTenants: 3
                """;
        Guard guard = Guard.create(loader.load("metrics.yaml", yaml).toGuardConfig());

        guard.inspect(TestStages.request("/ok", "t", 0));

        assertThat(registry.get("aiguard.requests").tag("verdict", "allowed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("aiguard.policy").tag("version", guard.policyVersion()).gauge().value()).isEqualTo(1.0);
        assertThat(loader.check("bad.yaml", yaml.replace("maxRuleIds: 1", "maxRuleIds: -1")))
                .singleElement().satisfies(e -> assertThat(e.toString()).contains("maxRuleIds"));
    }

    @Test
    void binderReplacedOnReloadKeepsItsGaugesWhenTheOldOneCloses() throws Exception {
        PolicyLoader loader = PolicyLoader.builder().sinkFactory(new MicrometerSinkFactory(registry)).build();
        String yaml = """
                apiVersion: aiguard.dev/v1
                events:
                  sinks:
                    - type: micrometer
                      maxRuleIds: 1
                """;
        Guard guard = Guard.create(loader.load("a.yaml", yaml).toGuardConfig());
        Verdict held = guard.inspect(TestStages.request("/ok", "t", 0)); // in flight across the reload

        // As PolicyWatcher does: the new configuration (a new binder, since its keys changed) is built first,
        // then swapped in; the update closes the old binder.
        guard.update(loader.load("b.yaml", yaml.replace("maxRuleIds: 1", "maxRuleIds: 2")).toGuardConfig());
        guard.inspect(TestStages.request("/ok", "t", 0));

        assertThat(registry.get("aiguard.policy").tag("version", guard.policyVersion()).gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("aiguard.policy").gauges()).hasSize(1);
        assertThat(registry.get("aiguard.inflight").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("aiguard.requests").tag("verdict", "allowed").counter().count()).isEqualTo(2.0);
        guard.complete(held.exchange(), ResponseInfo.of(200, Usage.unknown()));
    }
}
