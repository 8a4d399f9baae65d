package dev.aiguard.servlet;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Small stages for the filter tests: one that records what it saw, one that answers as told. */
final class TestStages {

    private TestStages() {
    }

    /** Records every inspected request and every completion; blocks when {@code decide} returns a block. */
    static final class Recording implements Stage {
        private final Function<GuardRequest, Block> decide;
        final BlockingQueue<GuardRequest> inspected = new LinkedBlockingQueue<>();
        final BlockingQueue<ResponseInfo> completed = new LinkedBlockingQueue<>();

        Recording(Function<GuardRequest, Block> decide) {
            this.decide = decide;
        }

        static Recording allowing() {
            return new Recording(r -> null);
        }

        @Override
        public StageOutcome inspect(Exchange exchange) {
            inspected.add(exchange.request());
            Block block = decide.apply(exchange.request());
            return block == null ? StageOutcome.pass() : StageOutcome.block(block, List.of());
        }

        @Override
        public void complete(Exchange exchange, ResponseInfo response) {
            completed.add(response);
        }

        GuardRequest nextInspected() throws InterruptedException {
            GuardRequest r = inspected.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request was inspected");
            }
            return r;
        }

        ResponseInfo nextCompleted() throws InterruptedException {
            ResponseInfo r = completed.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("complete was not called");
            }
            return r;
        }
    }
}
