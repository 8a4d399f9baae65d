package dev.aiguard.grpc.example;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.grpc.AiGuardInterceptor;
import dev.aiguard.grpc.DescriptorRegistry;
import dev.aiguard.grpc.UsageExtractor;
import dev.aiguard.grpc.example.kserve.GrpcPredictV2;
import dev.aiguard.grpc.example.llm.TextGenerationProto;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The example server: the KServe v2 echo model and the chat service on one port, behind {@link AiGuardInterceptor}
 * with a policy file. Arguments: {@code [port] [policy.yaml]} (defaults 8001 and
 * {@code examples/grpc-kserve/policy.yaml}). Listens on 127.0.0.1 only.
 */
public final class KServeExampleServer {

    private KServeExampleServer() {
    }

    /** Builds the guarded server (not started). */
    public static Server build(int port, Guard guard) {
        AiGuardInterceptor interceptor = AiGuardInterceptor.builder(guard)
                .descriptors(DescriptorRegistry.of(GrpcPredictV2.getDescriptor(), TextGenerationProto.getDescriptor()))
                .usage(new KServeUsage().or(UsageExtractor.jsonView()))
                .build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ServerInterceptors.intercept(new EchoInferenceService(), interceptor))
                .addService(ServerInterceptors.intercept(new ChatGenerationService(), interceptor))
                .build();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8001;
        Path policy = Path.of(args.length > 1 ? args[1] : "examples/grpc-kserve/policy.yaml");
        Guard guard = Guard.create(PolicyLoader.create().load(policy).toGuardConfig());
        Server server = build(port, guard).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            guard.close();
        }));
        System.out.println("AIGuard gRPC example listening on 127.0.0.1:" + server.getPort() + " with " + policy);
        server.awaitTermination();
    }
}
