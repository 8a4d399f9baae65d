package dev.aiguard.spring.boot;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyWatcher;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.micrometer.AiGuardMetrics;
import dev.aiguard.micrometer.otel.AiGuardTracing;
import dev.aiguard.servlet.AiGuardFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans the auto-configuration makes, and how it fails, without starting a server. */
class AiGuardAutoConfigurationTest {

    @TempDir
    Path dir;

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AiGuardAutoConfiguration.class));

    private Path policy(String yaml) throws IOException {
        Path p = dir.resolve("aiguard.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void policyFileAloneGivesGuardFilterWatcherAndMetrics() throws IOException {
        Path p = policy("apiVersion: aiguard.dev/v1\nmode: monitor\n");
        runner.withPropertyValues("aiguard.policy=" + p, "aiguard.order=7", "aiguard.url-patterns=/v1/*,/api/*")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(Guard.class).hasSingleBean(PolicyWatcher.class)
                            .hasSingleBean(AiGuardMetrics.class).hasSingleBean(AiGuardTracing.class);
                    assertThat(ctx.getBean(Guard.class).config().mode().name()).isEqualTo("MONITOR");
                    FilterRegistrationBean<?> filter = ctx.getBean(AiGuardAutoConfiguration.FILTER_NAME,
                            FilterRegistrationBean.class);
                    assertThat(filter.getFilter()).isInstanceOf(AiGuardFilter.class);
                    assertThat(filter.getOrder()).isEqualTo(7);
                    assertThat(filter.getUrlPatterns()).containsExactly("/v1/*", "/api/*");
                    assertThat(ctx.getBean(Guard.class).attachedSinks()).hasAtLeastOneElementOfType(AiGuardMetrics.class);
                });
    }

    @Test
    void disabledInstallsNothing() throws IOException {
        Path p = policy("apiVersion: aiguard.dev/v1\n");
        runner.withPropertyValues("aiguard.policy=" + p, "aiguard.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Guard.class).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void watchMetricsAndTracingCanBeSwitchedOff() throws IOException {
        Path p = policy("apiVersion: aiguard.dev/v1\n");
        runner.withPropertyValues("aiguard.policy=" + p, "aiguard.watch.enabled=false", "aiguard.metrics.enabled=false",
                        "aiguard.tracing.enabled=false")
                .run(ctx -> assertThat(ctx).hasSingleBean(Guard.class).doesNotHaveBean(PolicyWatcher.class)
                        .doesNotHaveBean(AiGuardMetrics.class).doesNotHaveBean(AiGuardTracing.class));
    }

    @Test
    void invalidPolicyFailsStartupWithFileLineAndPath() throws IOException {
        Path p = policy("apiVersion: aiguard.dev/v1\nmode: sometimes\n");
        runner.withPropertyValues("aiguard.policy=" + p).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("aiguard.yaml:2")
                    .hasMessageContaining("mode");
        });
    }

    @Test
    void missingPolicyFileFailsStartupNamingTheProperty() {
        runner.withPropertyValues("aiguard.policy=" + dir.resolve("nope.yaml")).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("aiguard.policy")
                    .hasMessageContaining("not found");
        });
    }

    @Test
    void applicationSinkBeansAreAttachedToTheGuard() throws IOException {
        Path p = policy("apiVersion: aiguard.dev/v1\n");
        EventSink mine = (SecurityEvent e) -> { };
        runner.withPropertyValues("aiguard.policy=" + p).withBean("mySink", EventSink.class, () -> mine)
                .run(ctx -> assertThat(ctx.getBean(Guard.class).attachedSinks()).contains(mine));
    }

    @Test
    void classpathPolicyOnDiskIsAccepted() {
        runner.withPropertyValues("aiguard.policy=classpath:policies/minimal.yaml")
                .run(ctx -> assertThat(ctx).hasSingleBean(Guard.class));
    }
}
