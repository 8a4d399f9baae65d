package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Mode;
import dev.aiguard.api.StageOutcome;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorModeTest {

    @Test
    void everyEnforceBecomesMonitorAndOffStaysOff() {
        ConfiguredStage inherits = ConfiguredStage.of("a", exchange -> StageOutcome.pass());
        ConfiguredStage enforcing = ConfiguredStage.of("b", exchange -> StageOutcome.pass()).withMode(Mode.ENFORCE)
                .withRuleModes(Map.of("r1", Mode.ENFORCE, "r2", Mode.OFF));
        ConfiguredStage off = ConfiguredStage.of("c", exchange -> StageOutcome.pass()).withMode(Mode.OFF);
        GuardConfig config = GuardConfig.builder().version("v1").maxBodyBytes(77)
                .stage(inherits).stage(enforcing).stage(off).build();

        GuardConfig monitored = MonitorMode.apply(config);

        assertThat(monitored.mode()).isEqualTo(Mode.MONITOR);
        assertThat(monitored.version()).isEqualTo("v1");
        assertThat(monitored.maxBodyBytes()).isEqualTo(77);
        assertThat(monitored.stages().get(0).mode()).isNull();
        assertThat(monitored.stages().get(1).mode()).isEqualTo(Mode.MONITOR);
        assertThat(monitored.stages().get(1).ruleModes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("r1", Mode.MONITOR, "r2", Mode.OFF));
        assertThat(monitored.stages().get(2).mode()).isEqualTo(Mode.OFF);
    }
}
