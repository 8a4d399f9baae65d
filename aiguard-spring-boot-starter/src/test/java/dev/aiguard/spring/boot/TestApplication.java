package dev.aiguard.spring.boot;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain Spring MVC application standing in for an inference service. It knows nothing of AIGuard: the starter on
 * the class path and a policy file are all that protect it.
 */
@SpringBootApplication
public class TestApplication {

    /** What reached the application. */
    @RestController
    public static class ModelController {

        final List<String> bodies = new CopyOnWriteArrayList<>();

        @GetMapping("/hello")
        public String hello() {
            return "hello";
        }

        @GetMapping("/ping")
        public String ping() {
            return "pong";
        }

        /** An OpenAI-style answer that reports {@code X-Test-Output} completion tokens. */
        @PostMapping(path = "/v1/chat/completions", produces = MediaType.APPLICATION_JSON_VALUE)
        public String chat(@RequestBody String body,
                           @RequestHeader(name = "X-Test-Output", defaultValue = "30") long output) {
            bodies.add(body);
            return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
                    + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + output + ",\"total_tokens\":"
                    + (12 + output) + "}}";
        }
    }
}
