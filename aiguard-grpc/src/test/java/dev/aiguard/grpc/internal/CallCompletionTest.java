package dev.aiguard.grpc.internal;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CallCompletionTest {

    /** Records completions. */
    private static final class Completions implements Stage {
        final List<ResponseInfo> seen = new CopyOnWriteArrayList<>();

        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }

        @Override
        public void complete(Exchange exchange, ResponseInfo response) {
            seen.add(response);
        }
    }

    private final Completions completions = new Completions();
    private final Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("c", completions)).build());

    private Exchange exchange() {
        return guard.inspect(GuardRequest.builder().build()).exchange();
    }

    @Test
    void finishCompletesOnceWhateverEndsTheCall() {
        CallCompletion completion = new CallCompletion(guard, r -> Usage.unknown());
        completion.exchange(exchange());

        completion.finish(200, new Metadata(), ResponseInfo.Outcome.COMPLETED);
        completion.finish(499, null, ResponseInfo.Outcome.CANCELLED);

        assertThat(completions.seen).hasSize(1);
        assertThat(completions.seen.get(0).outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        assertThat(completion.finished()).isTrue();
    }

    @Test
    void laterResponsesOverrideTheKnownPartsOfUsage() {
        List<Usage> reports = List.of(new Usage(10, -1), Usage.unknown(), new Usage(-1, 4), new Usage(-1, 7));
        int[] next = {0};
        CallCompletion completion = new CallCompletion(guard, r -> reports.get(next[0]++));
        completion.exchange(exchange());
        for (int i = 0; i < reports.size(); i++) {
            completion.responseSent("chunk");
        }

        completion.finish(200, null, ResponseInfo.Outcome.COMPLETED);

        assertThat(completions.seen.get(0).usage()).isEqualTo(new Usage(10, 7));
    }

    @Test
    void followUpExchangesCompleteWithTheCallsStatusAndUnknownUsage() {
        CallCompletion completion = new CallCompletion(guard, r -> new Usage(1, 2));
        completion.exchange(exchange());
        completion.followUp(guard, exchange());
        completion.responseSent("answer");

        completion.finish(403, null, ResponseInfo.Outcome.COMPLETED);

        assertThat(completions.seen).extracting(ResponseInfo::usage).containsExactly(new Usage(1, 2), Usage.unknown());
        assertThat(completions.seen).extracting(ResponseInfo::status).containsExactly(403, 403);
    }

    @Test
    void followUpArrivingAfterTheEndIsCompletedAtOnceAsCancelled() {
        CallCompletion completion = new CallCompletion(guard, r -> Usage.unknown());
        completion.finish(200, null, ResponseInfo.Outcome.COMPLETED);

        completion.followUp(guard, exchange());

        assertThat(completions.seen).extracting(ResponseInfo::outcome).containsExactly(ResponseInfo.Outcome.CANCELLED);
    }

    @Test
    void trailersBecomeResponseHeadersWithoutBinaryEntries() {
        CallCompletion completion = new CallCompletion(guard, r -> Usage.unknown());
        completion.exchange(exchange());
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER), "gpu-3");
        trailers.put(Metadata.Key.of("x-blob-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[]{1});

        completion.finish(200, trailers, ResponseInfo.Outcome.COMPLETED);

        assertThat(completions.seen.get(0).headers().first("x-served-by")).contains("gpu-3");
        assertThat(completions.seen.get(0).headers().contains("x-blob-bin")).isFalse();
    }
}
