package dev.aiguard.egress;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Mode;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class EgressEventsTest {

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private final FakeDns dns = new FakeDns().answer("api.example.com", "93.184.216.34");

    @Test
    void enforceModeDeniesAndEmitsAnEventWithTheCallerLocation() {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.defaults()).resolver(dns).eventSink(events::add).build();
        EgressDecision d = guard.check("http://user:secret@169.254.169.254/latest/meta-data?token=abc");

        assertThat(d.denied()).isTrue();
        assertThat(events).hasSize(1);
        SecurityEvent e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.EGRESS_DENIED);
        assertThat(e.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(e.reason()).isEqualTo("egress.userinfo");
        assertThat(e.findings().get(0).target())
                .startsWith("caller:" + EgressEventsTest.class.getName() + ".enforceModeDeniesAndEmitsAnEventWithTheCallerLocation(EgressEventsTest.java:");
        assertThat(e.message()).doesNotContain("secret").doesNotContain("token=abc");
    }

    @Test
    void metadataDenialsAreCritical() {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.defaults()).resolver(dns).eventSink(events::add).build();
        guard.check("http://169.254.169.254/latest/meta-data/?x=1");
        SecurityEvent e = events.get(0);
        assertThat(e.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(e.findings().get(0).excerpt()).isEqualTo("http://169.254.169.254/latest/meta-data/");
        assertThat(e.ruleIds()).containsExactly("egress.cloud_metadata");
    }

    @Test
    void monitorModeAllowsButReportsWouldDeny() {
        EgressPolicy monitor = EgressPolicy.builder().monitor().allow(EgressRule.host("api.example.com")).build();
        EgressGuard guard = EgressGuard.builder(monitor).resolver(dns).eventSink(events::add).build();

        EgressDecision denied = guard.check("http://127.0.0.1:8080/");
        EgressDecision fine = guard.check("https://api.example.com/");

        assertThat(denied.allowed()).isTrue();
        assertThat(denied.wouldDeny()).isTrue();
        assertThat(denied.reason()).isEqualTo(EgressReason.LOOPBACK);
        assertThat(fine.wouldDeny()).isFalse();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo(EventType.EGRESS_WOULD_DENY);
        assertThat(events.get(0).mode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void offModeChecksNothing() {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().mode(Mode.OFF).build()).resolver(dns)
                .eventSink(events::add).build();
        assertThat(guard.check("http://169.254.169.254/").allowed()).isTrue();
        assertThat(events).isEmpty();
        assertThat(dns.lookups()).isZero();
    }

    @Test
    void aThrowingSinkDoesNotBreakTheDecision() {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.defaults()).resolver(dns).eventSink(e -> {
            throw new IllegalStateException("sink down");
        }).build();
        assertThat(guard.check("http://127.0.0.1/").reason()).isEqualTo(EgressReason.LOOPBACK);
    }
}
