package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the attributes OCSF 1.3.0 requires of every event, and of the classes AIGuard emits. Shared by tests. */
public final class OcsfRequiredFields {

    private OcsfRequiredFields() {
    }

    /** Asserts the base-event and per-class required attributes and their consistency. */
    public static void assertValid(JsonNode event) {
        for (String field : new String[]{"time", "category_uid", "class_uid", "activity_id", "type_uid", "severity_id"}) {
            assertThat(event.path(field).isIntegralNumber()).as("%s is an integer in %s", field, event).isTrue();
        }
        assertThat(event.path("metadata").path("version").asText()).isEqualTo(OcsfEventMapper.OCSF_VERSION);
        assertThat(event.path("metadata").path("product").path("name").asText()).isEqualTo("AIGuard");
        long classUid = event.get("class_uid").asLong();
        assertThat(event.get("type_uid").asLong()).isEqualTo(classUid * 100 + event.get("activity_id").asLong());
        assertThat(event.get("category_uid").asLong()).isEqualTo(classUid / 1000);
        assertThat(event.get("severity_id").asInt()).isBetween(0, 6);
        assertThat(event.get("time").asLong()).isPositive();
        if (classUid == OcsfEventMapper.CLASS_DETECTION_FINDING) {
            assertThat(event.path("finding_info").path("uid").asText()).isNotEmpty();
            assertThat(event.path("finding_info").path("title").asText()).isNotEmpty();
        }
        if (classUid == OcsfEventMapper.CLASS_APPLICATION_LIFECYCLE) {
            assertThat(event.path("app").path("name").asText()).isNotEmpty();
        }
        if (event.has("action_id")) {
            assertThat(event.get("action_id").asInt()).isIn(0, 1, 2, 99);
            assertThat(event.path("metadata").path("profiles").toString()).contains("security_control");
        }
    }
}
