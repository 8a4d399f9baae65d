package dev.aiguard.egress.jvm;

import dev.aiguard.api.EventType;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.egress.EgressGuard;
import dev.aiguard.egress.EgressPolicy;
import dev.aiguard.egress.EgressRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JDK 18+ only (compiled and run by the jdk18 profile). Every test uses its own names: the JDK caches lookups. */
class JvmWideEgressTest {

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    /** Names the test controls; never touches the network. */
    private static final Map<String, String> ZONE = Map.of(
            "api.jvmwide.test", "93.184.216.34",
            "intranet.jvmwide.test", "10.0.0.2",
            "rebind.jvmwide.test", "169.254.169.254",
            "monitored.jvmwide.test", "10.0.0.3");

    private static dev.aiguard.egress.Resolver zone() {
        return host -> {
            String ip = ZONE.get(host);
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(ip));
        };
    }

    @AfterEach
    void uninstall() {
        JvmWideEgress.uninstall();
    }

    @Test
    void everyLookupInTheJvmGoesThroughThePolicy() throws Exception {
        JvmWideEgress.install(EgressGuard.builder(EgressPolicy.builder().enforce()
                .allow(EgressRule.host("*.jvmwide.test")).build()).resolver(zone()).eventSink(events::add).build());

        assertThat(InetAddress.getByName("api.jvmwide.test").getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(JvmWideEgress.providerActive()).isTrue();
        assertThatThrownBy(() -> InetAddress.getByName("intranet.jvmwide.test"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("egress denied (private)");
        assertThatThrownBy(() -> InetAddress.getAllByName("rebind.jvmwide.test"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("cloud_metadata");
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.EGRESS_DENIED);
            assertThat(e.findings().get(0).target()).contains(JvmWideEgressTest.class.getName());
        });
    }

    @Test
    void monitorModeAnswersAndReports() throws Exception {
        JvmWideEgress.install(EgressGuard.builder(EgressPolicy.builder().monitor().build()).resolver(zone())
                .eventSink(events::add).build());
        assertThat(InetAddress.getByName("monitored.jvmwide.test").getHostAddress()).isEqualTo("10.0.0.3");
        assertThat(events).singleElement().extracting(SecurityEvent::type).isEqualTo(EventType.EGRESS_WOULD_DENY);
    }

    @Test
    void aPolicyInstalledAloneUsesTheBuiltInResolver() {
        JvmWideEgress.install(EgressPolicy.defaults(), events::add);
        assertThatThrownBy(() -> InetAddress.getByName("never-looked-up.localhost"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("egress denied (loopback)");
        assertThatThrownBy(() -> InetAddress.getByName("nothing-here.invalid"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("egress denied (unresolvable)");
    }

    @Test
    void withoutAPolicyLookupsPassThroughUnchanged() {
        assertThatThrownBy(() -> InetAddress.getByName("passthrough.invalid"))
                .isInstanceOf(UnknownHostException.class).hasMessageNotContaining("egress");
        assertThat(events).isEmpty();
    }
}
