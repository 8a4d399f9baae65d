package dev.aiguard.identity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.Verdict;
import dev.aiguard.identity.internal.IdentityStages;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Test helpers: binds stage YAML to {@link IdentityConfig} the way a policy loader does (records, durations such as
 * {@code 30s}), builds the stage and runs requests through a real {@link Guard}.
 */
final class Policies {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
                @Override
                public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                    String text = p.getValueAsString().trim();
                    long n = Long.parseLong(text.substring(0, text.length() - (text.endsWith("ms") ? 2 : 1)));
                    return text.endsWith("ms") ? Duration.ofMillis(n) : switch (text.charAt(text.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.parse(text);
                    };
                }
            }))
            .build();

    private Policies() {
    }

    static IdentityConfig parse(String yaml) {
        try {
            return YAML.readValue(yaml, IdentityConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stage stage(String yaml, Path dir, Clock clock) throws Exception {
        return IdentityStages.create(parse(yaml), new StageContext("identity", Mode.ENFORCE, Map.of(), dir), clock);
    }

    static Guard guard(Stage stage) {
        // A generous budget: the first request of a test JVM loads and JIT-compiles jjwt and TLS, which can take
        // longer than the default 250 ms on a busy machine, and the stage then fails closed with 503.
        return Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("identity", stage).withBudget(Duration.ofSeconds(30), false)).build());
    }

    static Verdict run(Stage stage, GuardRequest request) {
        return guard(stage).inspect(request);
    }

    static GuardRequest get(String path, String... headers) {
        return GuardRequest.builder().method("GET").uri(path).headers(Headers.of(headers)).build();
    }

    static GuardRequest bearer(String token) {
        return get("/v1/chat/completions", "Authorization", "Bearer " + token);
    }

    static GuardRequest chat(String model, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return GuardRequest.builder().method("POST").uri("/v1/chat/completions").headers(Headers.of(all))
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").build();
    }
}
