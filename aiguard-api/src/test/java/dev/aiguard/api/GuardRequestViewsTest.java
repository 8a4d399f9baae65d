package dev.aiguard.api;

import dev.aiguard.api.internal.RequestParsing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The request's parsed views never throw: malformed, deep, truncated, mis-encoded or huge input gives a defined result. */
class GuardRequestViewsTest {

    private static GuardRequest json(byte[] body) {
        return GuardRequest.builder().method("POST").headers(Headers.of("Content-Type", "application/json; charset=utf-8"))
                .body(body).build();
    }

    private static GuardRequest json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queryArgsAreDecodedInOrderKeepingMalformedEscapes() {
        GuardRequest request = GuardRequest.builder().uri("/x?a=1&b=%20x+y&c&=v&bad=%zz%4&e=%E2%82%AC&&").build();

        assertThat(request.queryArgs()).containsExactly(new Param("a", "1"), new Param("b", " x y"),
                new Param("c", ""), new Param("", "v"), new Param("bad", "%zz%4"), new Param("e", "€"));
    }

    @Test
    void percentDecodingKeepsCharactersOutsideTheBasicPlane() {
        GuardRequest request = GuardRequest.builder().uri("/x?q=%41+😀").build();

        assertThat(request.queryArgs()).containsExactly(new Param("q", "A 😀"));
    }

    @Test
    void invalidUtf8InPercentEscapesBecomesReplacementCharacters() {
        GuardRequest request = GuardRequest.builder().uri("/x?q=%FF%FEab").build();

        assertThat(request.queryArgs()).singleElement().satisfies(p -> assertThat(p.value()).endsWith("ab"));
    }

    @Test
    void queryArgumentsAreCappedForBoundedMemory() {
        String query = "a=1&".repeat(RequestParsing.MAX_PARAMS + 5_000);

        List<Param> args = GuardRequest.builder().rawQuery(query).build().queryArgs();

        assertThat(args).hasSize(RequestParsing.MAX_PARAMS);
    }

    @Test
    void formArgsOnlyForUrlEncodedBodies() {
        GuardRequest form = GuardRequest.builder().method("POST")
                .headers(Headers.of("Content-Type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"))
                .body("user=bob&msg=hi+there").build();
        GuardRequest text = GuardRequest.builder().method("POST")
                .headers(Headers.of("Content-Type", "text/plain")).body("user=bob").build();

        assertThat(form.formArgs()).containsExactly(new Param("user", "bob"), new Param("msg", "hi there"));
        assertThat(text.formArgs()).isEmpty();
    }

    @Test
    void cookiesFromEveryCookieHeaderSkippingEmptyParts() {
        GuardRequest request = GuardRequest.builder()
                .headers(Headers.of("Cookie", "a=1; b = 2;; flag", "cookie", "c=x=y")).build();

        assertThat(request.cookies()).containsExactly(new Param("a", "1"), new Param("b", "2"), new Param("flag", ""),
                new Param("c", "x=y"));
    }

    @Test
    void wellFormedJsonIsParsed() {
        JsonBody body = json("{\"model\":\"m\",\"messages\":[{\"content\":\"hi\"}]}").json();

        assertThat(body.error()).isNull();
        assertThat(body.asTree()).hasValueSatisfying(t -> assertThat(t.at("/messages/0/content").asText()).isEqualTo("hi"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\": |malformed JSON",
            "{\"a\": 1} {\"b\": 2}|trailing content after the JSON document",
            "{\"a\": 1}}|malformed JSON",
            "'   '|empty JSON document",
            "[1, 2,, 3]|malformed JSON",
            "{'single': 'quotes'}|malformed JSON",
            "NaN|malformed JSON",
    })
    void malformedJsonGivesAnErrorNotAnException(String body, String error) {
        JsonBody parsed = json(body).json();

        assertThat(parsed.tree()).isNull();
        assertThat(parsed.error()).startsWith(error);
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {300, 10_000, 100_000})
    void deeplyNestedJsonIsRejectedNotParsedRecursively(int depth) {
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

        for (String body : List.of(arrays, objects)) {
            JsonBody parsed = json(body).json();
            assertThat(parsed.tree()).isNull();
            assertThat(parsed.error()).startsWith("malformed JSON").contains("depth");
        }
    }

    @Test
    void jsonWithinTheDepthLimitIsParsed() {
        int depth = RequestParsing.MAX_JSON_DEPTH - 1;

        assertThat(json("[".repeat(depth) + "]".repeat(depth)).json().error()).isNull();
    }

    @Test
    void truncatedJsonBodyIsReportedAsTruncated() {
        GuardRequest request = GuardRequest.builder().method("POST")
                .headers(Headers.of("Content-Type", "application/json"))
                .maxBodyBytes(10).body("{\"messages\":[{\"content\":\"hello world\"}]}").build();

        assertThat(request.bodyTruncated()).isTrue();
        assertThat(request.body()).hasSize(10);
        assertThat(request.declaredBodyLength()).isEqualTo(40);
        assertThat(request.json().error()).isEqualTo("body truncated at 10 bytes");
    }

    @Test
    void invalidUtf8InJsonGivesAnErrorOrATreeButNeverThrows() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};

        JsonBody parsed = json(body).json();

        assertThat(parsed.tree() != null || parsed.error() != null).isTrue();
    }

    @Test
    void jsonViewIsAbsentForOtherContentTypesAndEmptyBodies() {
        assertThat(GuardRequest.builder().body("{}").build().json()).isEqualTo(JsonBody.absent());
        assertThat(json(new byte[0]).json()).isEqualTo(JsonBody.absent());
        assertThat(GuardRequest.builder().headers(Headers.of("Content-Type", "application/vnd.api+json"))
                .body("{}").build().json().error()).isNull();
    }

    @Test
    void hugeHeaderCountsAreHandled() {
        List<Headers.Header> lines = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            lines.add(new Headers.Header("X-H-" + (i % 1000), "v" + i));
            lines.add(new Headers.Header("Cookie", "c" + i + "=" + i));
        }
        GuardRequest request = GuardRequest.builder().headers(Headers.of(lines)).build();
        Stage reader = exchange -> {
            exchange.request().cookies();
            exchange.request().headers().all("x-h-7");
            return StageOutcome.pass();
        };
        // A generous budget: this test is about bounded work, not about the (loaded) machine's speed.
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("read", reader).withBudget(java.time.Duration.ofMinutes(1), false)).build());

        long start = System.nanoTime();
        Verdict verdict = guard.inspect(request);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(verdict.allowed()).isTrue();
        assertThat(request.headers().size()).isEqualTo(200_000);
        assertThat(request.headers().all("x-h-7")).hasSize(100);
        assertThat(request.cookies()).hasSize(RequestParsing.MAX_PARAMS);
        assertThat(millis).isLessThan(10_000);
    }

    @Test
    void viewsAreComputedOnceAndSharedAcrossThreads() throws Exception {
        List<Object> computed = new CopyOnWriteArrayList<>();
        RequestView<Object> expensive = RequestView.of("expensive", r -> {
            Object value = new Object();
            computed.add(value);
            return value;
        });
        GuardRequest request = json("{\"a\":1}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    assertThat(request.json()).isSameAs(request.json());
                    return request.view(expensive);
                }));
            }
            start.countDown();
            Object first = results.get(0).get(5, TimeUnit.SECONDS);
            for (Future<Object> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed).contains(request.view(expensive));
    }

    @Test
    void aViewThatThrowsInsideAStageIsContainedByTheGuard() {
        RequestView<String> broken = RequestView.of("broken", r -> {
            throw new IllegalStateException("bad view");
        });
        Guard guard = Guard.create(GuardConfig.builder().stage("s", exchange -> {
            exchange.request().view(broken);
            return StageOutcome.pass();
        }).build());

        assertThatCode(() -> guard.inspect(GuardRequest.builder().build())).doesNotThrowAnyException();
    }

    @Test
    void toStringNeverShowsHeadersOrBody() {
        GuardRequest request = GuardRequest.builder().uri("/x?api_key=secretsecret")
                .headers(Headers.of("Authorization", "Bearer secretsecret")).body("prompt secretsecret").build();

        assertThat(request.toString()).doesNotContain("secretsecret");
        assertThat(request.headers().toString()).doesNotContain("secretsecret");
    }
}
