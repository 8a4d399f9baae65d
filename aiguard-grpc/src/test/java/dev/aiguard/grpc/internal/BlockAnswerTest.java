package dev.aiguard.grpc.internal;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.aiguard.api.Block;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Verdict;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BlockAnswerTest {

    private static final Metadata.Key<com.google.rpc.Status> DETAILS = Metadata.Key.of("grpc-status-details-bin",
            ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

    private static Verdict verdictOf(Block block) {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("decider", exchange -> StageOutcome.block(block, List.of()))).build());
        return guard.inspect(GuardRequest.builder().method("POST").path("/pkg.Svc/Call").build());
    }

    private static String trailer(BlockAnswer answer, String name) {
        return answer.trailers().get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of(Block.unauthorized("identity.credentials_missing", "Bearer realm=\"x\""), Status.Code.UNAUTHENTICATED),
                Arguments.of(Block.forbidden("waf.crs", List.of("942100")), Status.Code.PERMISSION_DENIED),
                Arguments.of(Block.tooManyRequests("budget.tokens", List.of("ratelimit.a"), Duration.ofSeconds(3)), Status.Code.RESOURCE_EXHAUSTED),
                Arguments.of(Block.payloadTooLarge("cap.max_body_bytes"), Status.Code.RESOURCE_EXHAUSTED),
                Arguments.of(Block.badRequest("cap.max_output_tokens", List.of()), Status.Code.INVALID_ARGUMENT),
                Arguments.of(Block.unavailable("aiguard.stage.error"), Status.Code.UNAVAILABLE));
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void blockMapsToItsGrpcStatusWithTheReasonAsDescription(Block block, Status.Code code) {
        BlockAnswer answer = BlockAnswer.of(verdictOf(block));

        assertThat(answer.status().getCode()).isEqualTo(code);
        assertThat(answer.status().getDescription()).isEqualTo(block.reason());
    }

    @Test
    void detailsCarryErrorInfoWithReasonRequestIdRulesAndStage() throws Exception {
        BlockAnswer answer = BlockAnswer.of(verdictOf(Block.forbidden("waf.crs", List.of("942100", "949110"))));

        com.google.rpc.Status details = answer.trailers().get(DETAILS);
        assertThat(details.getCode()).isEqualTo(7);
        ErrorInfo info = details.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("waf.crs");
        assertThat(info.getDomain()).isEqualTo(BlockAnswer.DOMAIN);
        assertThat(info.getMetadataMap()).containsEntry("rule_ids", "942100,949110").containsEntry("stage", "decider")
                .containsKey("request_id");
    }

    @Test
    void retryDelayIsExactInRetryInfoAndRoundedUpInRetryAfter() throws Exception {
        BlockAnswer answer = BlockAnswer.of(verdictOf(
                Block.tooManyRequests("budget.tokens", List.of(), Duration.ofMillis(1500))));

        assertThat(trailer(answer, "retry-after")).isEqualTo("2");
        RetryInfo retry = null;
        for (Any detail : answer.trailers().get(DETAILS).getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                retry = detail.unpack(RetryInfo.class);
            }
        }
        assertThat(retry).isNotNull();
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
    }

    @Test
    void blockWithoutRetryDelayHasNoRetryAfter() {
        BlockAnswer answer = BlockAnswer.of(verdictOf(Block.forbidden("prompt.injection", List.of())));

        assertThat(trailer(answer, "retry-after")).isNull();
    }

    @Test
    void verdictHeadersBecomeLowerCaseTrailersWithPrintableValues() {
        Block block = new Block(429, 8, "budget.tokens", List.of(), null,
                Map.of("RateLimit", "\"user\";r=0;t=5", "X-Odd", "caf\u00e9\n", "Bad Name", "v", "X-Data-Bin", "AAAA"));

        BlockAnswer answer = BlockAnswer.of(verdictOf(block));

        assertThat(trailer(answer, "ratelimit")).isEqualTo("\"user\";r=0;t=5");
        assertThat(trailer(answer, "x-odd")).isEqualTo("caf??");
        assertThat(answer.trailers().keys()).doesNotContain("bad name", "x-data-bin");
    }

    @Test
    void internalErrorSaysNothingAboutTheRequest() {
        BlockAnswer answer = BlockAnswer.internalError();

        assertThat(answer.status().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(answer.status().getDescription()).isEqualTo("aiguard.internal_error");
        assertThat(answer.trailers().keys()).isEmpty();
    }
}
