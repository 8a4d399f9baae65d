package dev.aiguard.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.BindableService;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A grpc-netty server on 127.0.0.1 with an ephemeral port, and a plaintext channel to it. */
final class GrpcTestServer implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;

    private GrpcTestServer(Server server) {
        this.server = server;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    /** Starts the services behind {@code interceptor} ({@code null}: no interceptor). */
    static GrpcTestServer start(ServerInterceptor interceptor, BindableService... services) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (BindableService service : services) {
            ServerServiceDefinition definition = service.bindService();
            builder.addService(interceptor == null ? definition : ServerInterceptors.intercept(definition, interceptor));
        }
        return new GrpcTestServer(builder.build().start());
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
