package dev.aiguard.benchmarks;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.grpc.AiGuardInterceptor;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC adapter's overhead against the bare server, measured in the same run: one unary call over loopback
 * (grpc-netty, plaintext) to an echo method, once to a server without interceptor and once to one behind
 * {@link AiGuardInterceptor}. The guarded server's guard has three no-op stages, so the difference is the adapter
 * (deferred start, metadata translation, the JSON view of the request, completion) plus the guard pipeline itself,
 * not any detection. The request is an LLM-shaped message of a type built at run time ({@code bench.ChatRequest}:
 * model, messages with role and content, max_tokens), carried as a {@link DynamicMessage}: what the interceptor sees
 * is the same as for a generated class, without a protoc step in this module.
 *
 * <p>{@code bare} and {@code guarded} run one after the other, so on a shared machine their load differs.
 * {@code interleaved} alternates the two calls (swapping their order every time) and sums the time of each side in
 * {@link PairTimes}: its ratio {@code guardedNanos / bareNanos} compares them under the same load.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar GrpcAdapterOverhead -f 1 -wi 10 -i 10</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class GrpcAdapterOverhead {

    static final Descriptors.Descriptor CHAT_REQUEST = chatRequestType();

    static final MethodDescriptor<DynamicMessage, DynamicMessage> ECHO =
            MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Call"))
                    .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(CHAT_REQUEST)))
                    .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(CHAT_REQUEST)))
                    .build();

    /** {@code message ChatRequest { string model = 1; repeated ChatMessage messages = 2; int32 max_tokens = 3; }}. */
    private static Descriptors.Descriptor chatRequestType() {
        DescriptorProto chatMessage = DescriptorProto.newBuilder().setName("ChatMessage")
                .addField(field("role", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("content", 2, FieldDescriptorProto.Type.TYPE_STRING))
                .build();
        DescriptorProto chatRequest = DescriptorProto.newBuilder().setName("ChatRequest")
                .addField(field("model", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("messages", 2, FieldDescriptorProto.Type.TYPE_MESSAGE).toBuilder()
                        .setTypeName(".bench.ChatMessage").setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(field("max_tokens", 3, FieldDescriptorProto.Type.TYPE_INT32))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("bench/chat.proto").setPackage("bench")
                .setSyntax("proto3").addMessageType(chatMessage).addMessageType(chatRequest).build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0])
                    .findMessageTypeByName("ChatRequest");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }

    private Server bareServer;
    private Server guardedServer;
    private ManagedChannel bareChannel;
    private ManagedChannel guardedChannel;
    private Guard guard;
    private DynamicMessage request;

    @Setup
    public void start() throws IOException {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("bench.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((req, responses) -> {
                    responses.onNext(req);
                    responses.onCompleted();
                }))
                .build();
        guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("a", new PipelineOverhead.NoOpStage()))
                .stage(ConfiguredStage.of("b", new PipelineOverhead.NoOpStage()))
                .stage(ConfiguredStage.of("c", new PipelineOverhead.NoOpStage()))
                .build());
        bareServer = start(echo);
        guardedServer = start(ServerInterceptors.intercept(echo, AiGuardInterceptor.of(guard)));
        bareChannel = channel(bareServer);
        guardedChannel = channel(guardedServer);
        Descriptors.Descriptor chatMessage = CHAT_REQUEST.findFieldByName("messages").getMessageType();
        DynamicMessage message = DynamicMessage.newBuilder(chatMessage)
                .setField(chatMessage.findFieldByName("role"), "user")
                .setField(chatMessage.findFieldByName("content"), "Summarize the water cycle in two sentences.")
                .build();
        request = DynamicMessage.newBuilder(CHAT_REQUEST)
                .setField(CHAT_REQUEST.findFieldByName("model"), "llama3")
                .addRepeatedField(CHAT_REQUEST.findFieldByName("messages"), message)
                .setField(CHAT_REQUEST.findFieldByName("max_tokens"), 64)
                .build();
    }

    private static Server start(ServerServiceDefinition service) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    }

    private static ManagedChannel channel(Server server) {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @TearDown
    public void stop() throws InterruptedException {
        for (ManagedChannel channel : new ManagedChannel[]{bareChannel, guardedChannel}) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : new Server[]{bareServer, guardedServer}) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        guard.close();
    }

    /** Time spent in each side of {@link #interleaved}, summed per iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class PairTimes {
        public long bareNanos;
        public long guardedNanos;
        boolean guardedFirst;

        @Setup(org.openjdk.jmh.annotations.Level.Iteration)
        public void reset() {
            bareNanos = 0;
            guardedNanos = 0;
        }
    }

    @Benchmark
    public DynamicMessage interleaved(PairTimes times) {
        times.guardedFirst = !times.guardedFirst;
        DynamicMessage last;
        if (times.guardedFirst) {
            long t0 = System.nanoTime();
            guarded();
            long t1 = System.nanoTime();
            last = bare();
            times.guardedNanos += t1 - t0;
            times.bareNanos += System.nanoTime() - t1;
        } else {
            long t0 = System.nanoTime();
            bare();
            long t1 = System.nanoTime();
            last = guarded();
            times.bareNanos += t1 - t0;
            times.guardedNanos += System.nanoTime() - t1;
        }
        return last;
    }

    @Benchmark
    public DynamicMessage bare() {
        return ClientCalls.blockingUnaryCall(bareChannel, ECHO, CallOptions.DEFAULT, request);
    }

    @Benchmark
    public DynamicMessage guarded() {
        return ClientCalls.blockingUnaryCall(guardedChannel, ECHO, CallOptions.DEFAULT, request);
    }
}
