package dev.aiguard.grpc.example;

import dev.aiguard.grpc.example.kserve.GRPCInferenceServiceGrpc;
import dev.aiguard.grpc.example.kserve.InferTensorContents;
import dev.aiguard.grpc.example.kserve.ModelInferRequest;
import dev.aiguard.grpc.example.kserve.ModelInferResponse;
import dev.aiguard.grpc.example.kserve.ModelReadyRequest;
import dev.aiguard.grpc.example.kserve.ModelReadyResponse;
import dev.aiguard.grpc.example.kserve.ModelStreamInferResponse;
import dev.aiguard.grpc.example.kserve.ServerLiveRequest;
import dev.aiguard.grpc.example.kserve.ServerLiveResponse;
import dev.aiguard.grpc.example.kserve.ServerReadyRequest;
import dev.aiguard.grpc.example.kserve.ServerReadyResponse;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A KServe v2 inference server with one "model" that echoes its inputs as outputs and reports token usage the way an
 * LLM served by Triton can: two extra INT64 output tensors, {@code prompt_tokens} and {@code completion_tokens}
 * (read back by {@link KServeUsage}). It records every request it receives.
 */
public final class EchoInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    /** Every inference request the service received, in order. */
    public final BlockingQueue<ModelInferRequest> received = new LinkedBlockingQueue<>();

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> responses) {
        responses.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
        responses.onCompleted();
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> responses) {
        responses.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
        responses.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> responses) {
        responses.onNext(ModelReadyResponse.newBuilder().setReady("echo".equals(request.getName())).build());
        responses.onCompleted();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> responses) {
        received.add(request);
        responses.onNext(answer(request));
        responses.onCompleted();
    }

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ModelInferRequest request) {
                received.add(request);
                responses.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(answer(request)).build());
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; nothing to clean up
            }

            @Override
            public void onCompleted() {
                responses.onCompleted();
            }
        };
    }

    /** The inputs echoed, plus usage: one prompt token per input element, one completion token per output tensor. */
    static ModelInferResponse answer(ModelInferRequest request) {
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setId(request.getId());
        long elements = 0;
        for (ModelInferRequest.InferInputTensor input : request.getInputsList()) {
            response.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("echo_" + input.getName())
                    .setDatatype(input.getDatatype()).addAllShape(input.getShapeList()).setContents(input.getContents()));
            elements += input.getShapeList().stream().reduce(1L, (a, b) -> a * b);
        }
        response.addOutputs(usageTensor(KServeUsage.PROMPT_TOKENS, elements));
        response.addOutputs(usageTensor(KServeUsage.COMPLETION_TOKENS, request.getInputsCount()));
        return response.build();
    }

    private static ModelInferResponse.InferOutputTensor usageTensor(String name, long value) {
        return ModelInferResponse.InferOutputTensor.newBuilder().setName(name).setDatatype("INT64").addShape(1)
                .setContents(InferTensorContents.newBuilder().addInt64Contents(value)).build();
    }
}
