package dev.aiguard.api.policy;

import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MalformedPolicyTest {

    private final PolicyLoader loader = TestLoaders.isolated(Map.of("HOME_REGION", "eu"));

    private List<String> errors(String yaml) {
        return loader.check("policy.yaml", yaml).stream().map(PolicyError::toString).toList();
    }

    static Stream<Arguments> malformedPolicies() {
        return Stream.of(
                arguments("unknown top-level key, with hint", """
                        apiVersion: aiguard.dev/v1
                        mdoe: monitor
                        """, List.of("policy.yaml:2:1: mdoe: unknown key 'mdoe' (did you mean 'mode'?)")),
                arguments("unknown key without a close match", """
                        apiVersion: aiguard.dev/v1
                        colour: red
                        """, List.of("policy.yaml:2:1: colour: unknown key 'colour'")),
                arguments("unknown stage key, with hint from the common keys", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            bugdet: 50ms
                        """, List.of("policy.yaml:4:5: stages[0].bugdet: unknown key 'bugdet' (did you mean 'budget'?)")),
                arguments("unknown stage key, with hint from the stage's own config", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            lable: x
                        """, List.of("policy.yaml:4:5: stages[0].lable: unknown key 'lable' (did you mean 'label'?)")),
                arguments("unknown key in a nested config record inside a list", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            limits:
                              - key: ip
                                tokns: 10
                        """, List.of("policy.yaml:6:9: stages[0].limits[0].tokns: unknown key 'tokns' (did you mean 'tokens'?)")),
                arguments("unknown key in a record that is a map value", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            routes:
                              /v1/chat: { key: ip, tokns: 5 }
                        """, List.of("policy.yaml:5:28: stages[0].routes[\"/v1/chat\"].tokns: unknown key 'tokns' "
                        + "(did you mean 'tokens'?)")),
                arguments("unknown key of a sink", """
                        apiVersion: aiguard.dev/v1
                        events:
                          sinks: [ { type: memory, lable: audit } ]
                        """, List.of("policy.yaml:3:28: events.sinks[0].lable: unknown key 'lable' (did you mean 'label'?)")),
                arguments("unknown key in events", """
                        apiVersion: aiguard.dev/v1
                        events:
                          sampleAlowed: 0.5
                        """, List.of("policy.yaml:3:3: events.sampleAlowed: unknown key 'sampleAlowed' (did you mean 'sampleAllowed'?)")),
                arguments("bad guard mode", """
                        apiVersion: aiguard.dev/v1
                        mode: block
                        """, List.of("policy.yaml:2:7: mode: expected one of enforce, monitor, off")),
                arguments("bad duration", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            budget: 50 millis
                        """, List.of("policy.yaml:4:13: stages[0].budget: expected a duration like 50ms")),
                arguments("zero budget", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            budget: 0ms
                        """, List.of("policy.yaml:4:13: stages[0].budget: must be > 0")),
                arguments("negative body limit", """
                        apiVersion: aiguard.dev/v1
                        request: { maxBodyBytes: -1 }
                        """, List.of("policy.yaml:2:26: request.maxBodyBytes: must be >= 0")),
                arguments("sample rate out of range", """
                        apiVersion: aiguard.dev/v1
                        events:
                          sampleAllowed: 1.5
                        """, List.of("policy.yaml:3:18: events.sampleAllowed: must be between 0 and 1")),
                arguments("text where an integer belongs", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            limits:
                              - { key: ip, tokens: lots }
                        """, List.of("policy.yaml:5:28: stages[0].limits[0].tokens: expected an integer")),
                arguments("mapping where a list belongs", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            limits: { key: ip }
                        """, List.of("policy.yaml:4:13: stages[0].limits: expected a list")),
                arguments("yes/no where true or false belongs", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            failOpen: maybe
                        """, List.of("policy.yaml:4:15: stages[0].failOpen: expected true or false")),
                arguments("missing apiVersion", """
                        mode: monitor
                        """, List.of("policy.yaml:1:1: missing required key 'apiVersion' (use apiVersion: aiguard.dev/v1)")),
                arguments("wrong apiVersion", """
                        apiVersion: aiguard.dev/v2
                        """, List.of("policy.yaml:1:13: apiVersion: unsupported apiVersion 'aiguard.dev/v2' (expected aiguard.dev/v1)")),
                arguments("unknown stage type", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stmp
                        """, List.of("policy.yaml:3:11: stages[0].type: unknown stage type 'stmp' (known: limits, stamp)")),
                arguments("stage without a type", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - name: lonely
                        """, List.of("policy.yaml:3:5: stages[0]: missing required key 'type'")),
                arguments("duplicate stage name", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            name: a
                          - type: limits
                            name: a
                        """, List.of("policy.yaml:6:11: stages[1].name: duplicate stage name 'a' (first at line 4)")),
                arguments("two stages of one type without names", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                          - type: stamp
                        """, List.of("policy.yaml:4:11: stages[1].type: duplicate stage name 'stamp' (first at line 3); "
                        + "give one of them a 'name'")),
                arguments("duplicate YAML key", """
                        apiVersion: aiguard.dev/v1
                        mode: monitor
                        mode: off
                        """, List.of("policy.yaml:3:1: mode: duplicate key 'mode' (first at line 2)")),
                arguments("tab indentation, at the parser's position", """
                        apiVersion: aiguard.dev/v1
                        stages:
                        \t- type: stamp
                        """, List.of("policy.yaml:3:1: invalid YAML: found character '\\t(TAB)' that cannot start any "
                        + "token. (Do not use \\t(TAB) for indentation)")),
                arguments("unclosed flow sequence", """
                        apiVersion: aiguard.dev/v1
                        stages: [ { type: stamp }
                        """, List.of("policy.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end>")),
                arguments("unset environment variable", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            backend: { url: "redis://cache", password: "${REDIS_PASSWORD}" }
                        """, List.of("policy.yaml:4:48: stages[0].backend.password: environment variable 'REDIS_PASSWORD' "
                        + "is not set (use ${REDIS_PASSWORD:-default} for a default)")),
                arguments("bad per-rule mode", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            rules: { "942100": block, prompt.injection: monitor }
                        """, List.of("policy.yaml:4:24: stages[0].rules[\"942100\"]: expected one of enforce, monitor, off")),
                arguments("empty file", "", List.of("policy.yaml:1:1: policy is empty")),
                arguments("only comments", "# nothing here\n", List.of("policy.yaml:1:1: policy is empty")),
                arguments("a list at the top", """
                        - type: stamp
                        """, List.of("policy.yaml:1:1: expected a mapping of keys at the top of the policy")),
                arguments("two YAML documents", """
                        apiVersion: aiguard.dev/v1
                        ---
                        apiVersion: aiguard.dev/v1
                        """, List.of("policy.yaml:3:1: several YAML documents in one file are not supported (remove '---')")),
                arguments("anchor and alias", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                            budget: &b 50ms
                          - type: limits
                            budget: *b
                        """, List.of("policy.yaml:4:13: stages[0].budget: YAML anchors (&b) are not supported",
                        "policy.yaml:6:13: stages[1].budget: YAML aliases (*b) are not supported; write the value out")),
                arguments("merge key", """
                        apiVersion: aiguard.dev/v1
                        request:
                          <<: { maxBodyBytes: 10 }
                        """, List.of("policy.yaml:3:3: request: YAML merge keys (<<) are not supported; write the keys out",
                        "policy.yaml:3:3: request[\"<<\"]: unknown key '<<'")),
                arguments("missing required key of a nested record", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            limits:
                              - tokens: 5
                        """, List.of("policy.yaml:5:9: stages[0].limits[0]: missing required key 'key'")),
                arguments("problem reported by the factory's validate()", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: stamp
                          - type: limits
                            limits:
                              - key: ip
                                tokens: 0
                        """, List.of("policy.yaml:7:17: stages[1].limits[0].tokens: must be > 0")),
                arguments("validate() problem under a quoted map key", """
                        apiVersion: aiguard.dev/v1
                        stages:
                          - type: limits
                            weights: { gpt-4: 2, "o1.preview": -3 }
                        """, List.of("policy.yaml:4:40: stages[0].weights[\"o1.preview\"]: must be >= 0")),
                arguments("unknown sink type", """
                        apiVersion: aiguard.dev/v1
                        events:
                          sinks: [ { type: kafka } ]
                        """, List.of("policy.yaml:3:20: events.sinks[0].type: unknown sink type 'kafka' (known: memory)")),
                arguments("integer out of range", """
                        apiVersion: aiguard.dev/v1
                        request:
                          maxBodyBytes: 99999999999
                        """, List.of("policy.yaml:3:17: request.maxBodyBytes: must be between -2147483648 and 2147483647")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPolicies")
    void malformedPolicyIsRejectedWithItsExactLocatedMessage(String description, String yaml, List<String> expected) {
        assertThat(errors(yaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void everyErrorIsReportedAtOnceInFileOrder() {
        String yaml = """
                apiVersion: aiguard.dev/v1
                mode: sometimes
                request: { maxBodyBytes: -5 }
                stages:
                  - type: stamp
                    bugdet: 50ms
                  - type: limits
                    window: forever
                    limits:
                      - key: ip
                        tokens: -1
                      - key: user
                        tokens: 100
                        per: 1 fortnight
                  - type: crss
                  - type: stamp
                    name: stamp
                """;
        assertThat(errors(yaml)).containsExactly(
                "policy.yaml:2:7: mode: expected one of enforce, monitor, off",
                "policy.yaml:6:5: stages[0].bugdet: unknown key 'bugdet' (did you mean 'budget'?)",
                "policy.yaml:8:13: stages[1].window: expected a duration like 50ms",
                "policy.yaml:14:14: stages[1].limits[1].per: expected a duration like 50ms",
                "policy.yaml:15:11: stages[2].type: unknown stage type 'crss' (known: limits, stamp)",
                "policy.yaml:17:11: stages[3].name: duplicate stage name 'stamp' (first at line 5)");
    }

    @Test
    void validateRunsOnEveryStageWhoseKeysAreWellFormed() {
        String yaml = """
                apiVersion: aiguard.dev/v1
                request: { maxBodyBytes: -5 }
                stages:
                  - type: limits
                    name: a
                    limits: [ { key: ip, tokens: 0 } ]
                  - type: limits
                    name: b
                    limits: [ { key: ip, tokens: 5 }, { key: user, tokens: -2 } ]
                """;
        assertThat(errors(yaml)).containsExactly(
                "policy.yaml:2:26: request.maxBodyBytes: must be >= 0",
                "policy.yaml:6:34: stages[0].limits[0].tokens: must be > 0",
                "policy.yaml:9:60: stages[1].limits[1].tokens: must be > 0");
    }
}
