package dev.aiguard.grpc;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A pass-through stage that records what the guard was shown and how each exchange was completed. */
final class RecordingStage implements Stage {

    final BlockingQueue<GuardRequest> inspected = new LinkedBlockingQueue<>();
    final BlockingQueue<ResponseInfo> completed = new LinkedBlockingQueue<>();

    /** {@code config} with this stage put first, so it sees every request the policy's stages see. */
    GuardConfig prependTo(GuardConfig config) {
        List<ConfiguredStage> stages = new ArrayList<>();
        stages.add(ConfiguredStage.of("recorder", this));
        stages.addAll(config.stages());
        return new GuardConfig(config.version(), config.mode(), stages, config.sinks(), config.events(),
                config.maxBodyBytes());
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        inspected.add(exchange.request());
        return StageOutcome.pass();
    }

    @Override
    public void complete(Exchange exchange, ResponseInfo response) {
        completed.add(response);
    }

    GuardRequest nextInspected() throws InterruptedException {
        GuardRequest request = inspected.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request was inspected");
        }
        return request;
    }

    ResponseInfo nextCompleted() throws InterruptedException {
        ResponseInfo info = completed.poll(5, TimeUnit.SECONDS);
        if (info == null) {
            throw new AssertionError("complete was not called");
        }
        return info;
    }

    void clear() {
        inspected.clear();
        completed.clear();
    }
}
