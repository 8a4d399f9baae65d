package dev.aiguard.identity;

import dev.aiguard.api.StageFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityStageFactoryTest {

    @Test
    void factoryIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(StageFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo("identity");
                    assertThat(f.configType()).isEqualTo(IdentityConfig.class);
                });
    }

    @Test
    void emptyConfigurationBindsWithDefaults() {
        IdentityConfig config = Policies.parse("{}");

        assertThat(config.realm()).isEqualTo("aiguard");
        assertThat(config.access()).isEmpty();
        assertThat(config.cache().maxEntries()).isEqualTo(10_000);
        assertThat(Validation.problems(config)).isEmpty();
    }

    @Test
    void validationReportsEveryProblemWithItsPath() {
        IdentityConfig config = Policies.parse("""
                apiKeys:
                  headers: [Authorization]
                jwt:
                  algorithms: [RS256, none]
                  clockSkew: 1h
                  maxAge: 0s
                  keys:
                    - {kid: a, secret: short, algorithm: HS256}
                    - {kid: b}
                    - {kid: c, secretBase64: "not base64!", pem: x}
                    - {kid: d, secret: "0123456789012345678901234567890123456789", algorithm: RS256}
                  jwksUrl: {url: "http://idp.test/jwks", minRefetchInterval: 0s, trustStoreType: PEM}
                mtls:
                  peers: [{dn: "not a dn"}, {san: "dns"}, {dn: "CN=a", san: "dns:a"}, {tenant: t}]
                anonymous:
                  routes: []
                access:
                  - routes: [v1/chat]
                cache: {maxEntries: -1, maxTtl: 0s}
                """);

        Map<String, String> problems = Validation.problems(config);

        assertThat(problems).containsOnlyKeys("apiKeys.headers[0]", "jwt.algorithms[1]", "jwt.clockSkew", "jwt.maxAge",
                "jwt.keys[0]", "jwt.keys[1]", "jwt.keys[2]", "jwt.keys[3].algorithm", "jwt.jwksUrl.url",
                "jwt.jwksUrl.minRefetchInterval", "jwt.jwksUrl.trustStoreType", "mtls.peers[0].dn", "mtls.peers[1].san",
                "mtls.peers[2]", "mtls.peers[3]", "anonymous.routes",
                "access[0].routes[0]", "cache.maxEntries", "cache.maxTtl");
        assertThat(problems.get("jwt.keys[0]")).contains("at least 32 bytes");
        assertThat(problems.get("jwt.jwksUrl.url")).contains("https");
    }

    @Test
    void jwtNeedsSomeKeySource() {
        assertThat(Validation.problems(Policies.parse("jwt: {issuers: [x]}"))).containsKey("jwt");
    }
}
