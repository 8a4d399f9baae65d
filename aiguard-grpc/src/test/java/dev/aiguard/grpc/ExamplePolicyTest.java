package dev.aiguard.grpc;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.grpc.example.KServeExampleServer;
import dev.aiguard.grpc.example.kserve.GRPCInferenceServiceGrpc;
import dev.aiguard.grpc.example.kserve.ServerLiveRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shipped example: {@code examples/grpc-kserve/policy.yaml} loads and guards the example server as documented. */
class ExamplePolicyTest {

    private static final Path POLICY = Path.of("../examples/grpc-kserve/policy.yaml");

    @Test
    void exampleServerAnswersTheDemoKeyAndRefusesCallsWithoutOne() throws Exception {
        Guard guard = Guard.create(PolicyLoader.create().load(POLICY).toGuardConfig());
        Server server = KServeExampleServer.build(0, guard).start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        try {
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub =
                    GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
            Metadata key = new Metadata();
            key.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), "agk_demo_local_only_not_a_secret");

            boolean live = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key))
                    .serverLive(ServerLiveRequest.getDefaultInstance()).getLive();
            StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub.serverLive(ServerLiveRequest.getDefaultInstance()));

            assertThat(live).isTrue();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            guard.close();
        }
    }
}
