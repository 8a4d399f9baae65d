package dev.aiguard.grpc;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.grpc.example.EchoInferenceService;
import dev.aiguard.grpc.example.kserve.GRPCInferenceServiceGrpc;
import dev.aiguard.grpc.example.kserve.InferParameter;
import dev.aiguard.grpc.example.kserve.ModelInferRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The interceptor with the real {@code crs} stage (OWASP CRS from {@code aiguard.crs.dir}) on KServe calls. */
class CrsInterceptorTest {

    private static Guard guard;
    private static GrpcTestServer server;
    private static final EchoInferenceService INFERENCE = new EchoInferenceService();

    @BeforeAll
    static void start() throws Exception {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                "CRS not found: set -Daiguard.crs.dir or AIGUARD_CRS_DIR to an OWASP CRS v4 checkout");
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                """.formatted(Path.of(dir).toAbsolutePath());
        guard = Guard.create(PolicyLoader.create().load("crs-grpc-test.yaml", yaml).toGuardConfig());
        server = GrpcTestServer.start(AiGuardInterceptor.of(guard), INFERENCE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (guard != null) {
            guard.close();
        }
    }

    private static ModelInferRequest withParameter(String value) {
        return ModelInferRequest.newBuilder().setModelName("echo").setId("crs-1")
                .putParameters("filter", InferParameter.newBuilder().setStringParam(value).build()).build();
    }

    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
        return GRPCInferenceServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @Test
    void sqlInjectionInAStringFieldIsRefusedWithTheVerdictsStatus() {
        INFERENCE.received.clear();

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub().modelInfer(withParameter("1' UNION SELECT password FROM users--")));

        assertThat(e).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(e.getStatus().getDescription()).isEqualTo("waf.crs");
        assertThat(INFERENCE.received).isEmpty();
    }

    @Test
    void benignFieldValuesReachTheService() throws Exception {
        INFERENCE.received.clear();
        ModelInferRequest request = withParameter("water cycle");

        assertThat(stub().modelInfer(request).getId()).isEqualTo("crs-1");
        assertThat(INFERENCE.received.poll(5, TimeUnit.SECONDS)).isEqualTo(request);
    }
}
