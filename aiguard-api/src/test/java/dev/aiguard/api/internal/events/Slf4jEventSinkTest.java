package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.EventType;
import dev.aiguard.api.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class Slf4jEventSinkTest {

    /** One logging call: the level method and the message. */
    record Call(String level, String message) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** A logger that records warn/info calls; {@code enabled} answers every isXxxEnabled. */
    private Logger recordingLogger(boolean enabled) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[]{Logger.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("is") && name.endsWith("Enabled")) {
                        return enabled;
                    }
                    if ((name.equals("warn") || name.equals("info")) && args != null && args.length == 1) {
                        calls.add(new Call(name, (String) args[0]));
                        return null;
                    }
                    if (name.equals("getName")) {
                        return "aiguard.events";
                    }
                    return null;
                });
    }

    private static SecurityEvent sample(EventType type) {
        return switch (type) {
            case REQUEST_BLOCKED -> SampleEvents.blocked();
            case REQUEST_WOULD_BLOCK, REQUEST_ALLOWED -> SampleEvents.request(type, "POST", 200);
            case STAGE_FAILURE -> SampleEvents.stageFailure(0);
            case POLICY_LOADED, POLICY_REJECTED -> SampleEvents.policy(type);
            case EGRESS_DENIED, EGRESS_WOULD_DENY -> SampleEvents.egress(type);
            case EGRESS_ALLOWED -> SampleEvents.request(type, "CONNECT", 200);
            case RESPONSE_BLOCKED, RESPONSE_REDACTED, RESPONSE_FLAGGED -> SampleEvents.egress(type);
        };
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "REQUEST_BLOCKED,     warn",
            "STAGE_FAILURE,       warn",
            "POLICY_REJECTED,     warn",
            "REQUEST_WOULD_BLOCK, info",
            "REQUEST_ALLOWED,     info",
            "RESPONSE_BLOCKED,    warn",
            "RESPONSE_REDACTED,   info",
            "RESPONSE_FLAGGED,    info",
            "POLICY_LOADED,       info",
            "EGRESS_DENIED,       warn",
            "EGRESS_WOULD_DENY,   info",
            "EGRESS_ALLOWED,      info",
    })
    void logsOneJsonObjectPerEventAtTheLevelOfItsType(EventType type, String level) throws Exception {
        Slf4jEventSink sink = new Slf4jEventSink(recordingLogger(true), new OcsfEventMapper());

        sink.publish(sample(type));

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.level()).isEqualTo(level);
            assertThat(call.message()).doesNotContain("\n");
            OcsfRequiredFields.assertValid(new ObjectMapper().readTree(call.message()));
        });
    }

    @Test
    void disabledLevelSkipsSerialisation() {
        Slf4jEventSink sink = new Slf4jEventSink(recordingLogger(false), new OcsfEventMapper());

        sink.publish(SampleEvents.blocked());

        assertThat(calls).isEmpty();
    }

    @Test
    void configDefaultsToTheAiguardEventsLogger() {
        assertThat(Slf4jSinkConfig.defaults().logger()).isEqualTo("aiguard.events");
        assertThat(new Slf4jSinkConfig(" ").logger()).isEqualTo("aiguard.events");
        assertThat(new Slf4jSinkConfig("audit").logger()).isEqualTo("audit");
    }
}
