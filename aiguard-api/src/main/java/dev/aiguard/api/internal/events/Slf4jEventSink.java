package dev.aiguard.api.internal.events;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each event as one OCSF JSON object on one line. Blocks, stage failures, rejected policies and denied egress are logged at WARN
 * (they need someone's attention), everything else at INFO. The event is only serialised when the level is enabled.
 */
public final class Slf4jEventSink implements EventSink {

    private final Logger logger;
    private final OcsfEventMapper mapper;

    public Slf4jEventSink(Slf4jSinkConfig config, OcsfEventMapper mapper) {
        this(LoggerFactory.getLogger(config.logger()), mapper);
    }

    Slf4jEventSink(Logger logger, OcsfEventMapper mapper) {
        this.logger = logger;
        this.mapper = mapper;
    }

    @Override
    public void publish(SecurityEvent event) {
        if (warns(event.type())) {
            if (logger.isWarnEnabled()) {
                logger.warn(mapper.toJson(event));
            }
        } else if (logger.isInfoEnabled()) {
            logger.info(mapper.toJson(event));
        }
    }

    /** Whether events of this type are logged at WARN (else INFO). */
    static boolean warns(EventType type) {
        return type == EventType.REQUEST_BLOCKED || type == EventType.STAGE_FAILURE || type == EventType.POLICY_REJECTED
                || type == EventType.EGRESS_DENIED || type == EventType.RESPONSE_BLOCKED;
    }
}
