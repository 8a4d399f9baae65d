package dev.aiguard.vertx;

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

/** A stage for the handler tests: records what it saw (and on which thread), blocks when told. */
final class TestStages {

    private TestStages() {
    }

    /** Records every inspected request, the inspecting thread, and every completion. */
    static final class Recording implements Stage {
        private final Function<GuardRequest, Block> decide;
        final BlockingQueue<GuardRequest> inspected = new LinkedBlockingQueue<>();
        final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        final BlockingQueue<ResponseInfo> completed = new LinkedBlockingQueue<>();

        Recording(Function<GuardRequest, Block> decide) {
            this.decide = decide;
        }

        static Recording allowing() {
            return new Recording(r -> null);
        }

        @Override
        public StageOutcome inspect(Exchange exchange) {
            threads.add(Thread.currentThread());
            inspected.add(exchange.request());
            Block block = decide.apply(exchange.request());
            return block == null ? StageOutcome.pass() : StageOutcome.block(block, List.of());
        }

        @Override
        public void complete(Exchange exchange, ResponseInfo response) {
            completed.add(response);
        }

        GuardRequest nextInspected() throws InterruptedException {
            return next(inspected, "no request was inspected");
        }

        Thread nextThread() throws InterruptedException {
            return next(threads, "no request was inspected");
        }

        ResponseInfo nextCompleted() throws InterruptedException {
            return next(completed, "complete was not called");
        }

        private static <T> T next(BlockingQueue<T> queue, String failure) throws InterruptedException {
            T value = queue.poll(5, TimeUnit.SECONDS);
            if (value == null) {
                throw new AssertionError(failure);
            }
            return value;
        }
    }
}
