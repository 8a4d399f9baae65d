package dev.aiguard.identity.internal.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/v1/chat/completions, /v1/chat/completions",
            "/, /",
            "'', /",
            "//v1///models, /v1/models",
            "/v1/./models, /v1/models",
            "/v1/../admin, /admin",
            "/../../etc/passwd, /etc/passwd",
            "/v1/%2e%2e/admin, /admin",
            "/v1/x/..%2F..%2Fadmin, /admin",
            "/v1\\..\\admin, /admin",
            "/admin;jsessionid=1/users, /admin/users",
            "/v1/models/, /v1/models/",
            "/v1/%E2%9C%93, /v1/✓",
            "/v1/%zz, /v1/%zz",
            "/v1/%4, /v1/%4"})
    void normalizesLikeAServletContainer(String raw, String normalized) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(normalized);
    }
}
