package dev.aiguard.api.internal.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Mode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fixed parts of the policy schema, as records the {@link ConfigBinder} checks and binds like any stage's
 * configuration. Keys handled by hand (the stage and sink lists, whose entries mix common keys with a factory's own
 * keys) are left out.
 */
final class Sections {

    /** Keys every stage has, beside its factory's own keys. */
    static final List<String> STAGE_KEYS = List.of("type", "name", "mode", "budget", "failOpen", "rules");
    /** Keys every sink has, beside its factory's own keys. */
    static final List<String> SINK_KEYS = List.of("type");
    /** Top-level keys handled outside {@link Top}. */
    static final List<String> TOP_LISTS = List.of("events", "stages");

    private Sections() {
    }

    /**
     * Top-level scalars; {@code apiVersion} is checked file by file, so it is only accepted here. {@code egress} is
     * kept as a tree: the egress module validates and binds it (the API module does not know its schema).
     */
    record Top(JsonNode apiVersion, Mode mode, Request request, JsonNode egress) {
    }

    /** The {@code request:} section. */
    record Request(Integer maxBodyBytes) {
    }

    /** The {@code events:} section, without its {@code sinks} list. */
    record Events(Double sampleAllowed, Integer excerptLength, Boolean logPrompts) {
    }

    /** The common keys of one stage. */
    record StageCommon(@JsonProperty(required = true) String type, String name, Mode mode, Duration budget,
                       Boolean failOpen, Map<String, Mode> rules) {
    }

    /** The common keys of one sink. */
    record SinkCommon(@JsonProperty(required = true) String type) {
    }
}
