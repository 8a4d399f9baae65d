package dev.aiguard.servlet.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponseTest {

    @ParameterizedTest(name = "{0} ms -> {1} s")
    @CsvSource({"0, 0", "1, 1", "999, 1", "1000, 1", "1001, 2", "60000, 60", "-5000, 0"})
    void retryAfterRoundsUpToWholeSecondsAndNeverGoesNegative(long millis, long seconds) {
        assertThat(ProblemResponse.retryAfterSeconds(Duration.ofMillis(millis))).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"401, Unauthorized", "403, Forbidden", "413, Content Too Large", "429, Too Many Requests",
        "503, Service Unavailable", "418, Request Refused", "599, Server Error"})
    void titleNamesTheStatus(int status, String title) {
        assertThat(ProblemResponse.title(status)).isEqualTo(title);
    }
}
