package dev.aiguard.identity;

import dev.aiguard.api.Guard;
import dev.aiguard.api.Stage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One stage shared by many threads: every request still gets its own, correct answer. */
class ConcurrencyTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void parallelRequestsWithSmallCacheGetTheRightPrincipals() throws Exception {
        String keyA = ApiKeyDigests.newKey();
        String keyB = ApiKeyDigests.newKey();
        TestKeys.writePem(dir, "rsa.pem", TestKeys.pair("RS256").getPublic());
        Stage stage = Policies.stage("""
                apiKeys:
                  owners:
                    - {subject: a, keys: [{id: a, digest: "%s"}]}
                    - {subject: b, keys: [{id: b, digest: "%s"}]}
                jwt:
                  keys: [{kid: rsa, pemFile: rsa.pem}]
                cache: {maxEntries: 4}
                """.formatted(ApiKeyDigests.sha256(keyA), ApiKeyDigests.sha256(keyB)), dir, new MutableClock(NOW));
        Guard guard = Policies.guard(stage);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String subject = "user-" + i;
            tokens.add(Tokens.signed("RS256", "rsa", NOW, b -> b.subject(subject)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        int n = (i * 7 + thread) % 18;
                        Verdict v = n < 16 ? guard.inspect(Policies.bearer(tokens.get(n)))
                                : guard.inspect(Policies.get("/", "X-API-Key", n == 16 ? keyA : keyB));
                        String expected = n < 16 ? "user-" + n : n == 16 ? "a" : "b";
                        if (!v.allowed() || !v.exchange().principal().subject().equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(work)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
