package dev.aiguard.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.util.JsonFormat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The protobuf types the interceptor may meet, given by the service when it builds the interceptor.
 *
 * <p>It serves two purposes. {@code google.protobuf.Any} fields are printed in the JSON view only when their type is
 * registered (otherwise the view of that message cannot be made; see {@code docs/grpc.md}). And for methods whose
 * messages arrive as raw bytes (a generic proxy with a byte marshaller), the request type registered for the method
 * lets the interceptor parse them. Methods served by generated stubs need no entry: their marshaller names the type.
 *
 * <p>Immutable and thread-safe.
 */
public final class DescriptorRegistry {

    private static final DescriptorRegistry EMPTY = new DescriptorRegistry(Map.of(), JsonFormat.TypeRegistry.getEmptyTypeRegistry());

    private final Map<String, Descriptors.Descriptor> inputTypes;
    private final JsonFormat.TypeRegistry typeRegistry;

    private DescriptorRegistry(Map<String, Descriptors.Descriptor> inputTypes, JsonFormat.TypeRegistry typeRegistry) {
        this.inputTypes = Map.copyOf(inputTypes);
        this.typeRegistry = typeRegistry;
    }

    /** A registry knowing no types. */
    public static DescriptorRegistry empty() {
        return EMPTY;
    }

    /** A registry of every message and service of these files (and of the files they import). */
    public static DescriptorRegistry of(Descriptors.FileDescriptor... files) {
        Builder builder = builder();
        for (Descriptors.FileDescriptor file : files) {
            builder.addFile(file);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request type of a method ({@code package.Service/Method}), if a registered service declares it. */
    public Optional<Descriptors.Descriptor> inputType(String fullMethodName) {
        return Optional.ofNullable(inputTypes.get(fullMethodName));
    }

    /** The types {@code Any} fields may hold, for {@link JsonFormat.Printer#usingTypeRegistry}. */
    public JsonFormat.TypeRegistry typeRegistry() {
        return typeRegistry;
    }

    /** Builds a {@link DescriptorRegistry}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Descriptors.Descriptor> inputTypes = new HashMap<>();
        private final JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
        private final Set<String> seenFiles = new HashSet<>();

        private Builder() {
        }

        /** Adds a file's messages and services, and those of the files it imports. */
        public Builder addFile(Descriptors.FileDescriptor file) {
            Objects.requireNonNull(file, "file");
            if (!seenFiles.add(file.getFullName())) {
                return this;
            }
            for (Descriptors.FileDescriptor dependency : file.getDependencies()) {
                addFile(dependency);
            }
            for (Descriptors.Descriptor message : file.getMessageTypes()) {
                types.add(message);
            }
            for (Descriptors.ServiceDescriptor service : file.getServices()) {
                addService(service);
            }
            return this;
        }

        /** Adds one message type (and the types nested in it) for {@code Any} fields. */
        public Builder addMessage(Descriptors.Descriptor message) {
            types.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Adds a service: each method's request type becomes known by the method's full name. */
        public Builder addService(Descriptors.ServiceDescriptor service) {
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                inputTypes.put(service.getFullName() + "/" + method.getName(), method.getInputType());
                types.add(method.getInputType());
                types.add(method.getOutputType());
            }
            return this;
        }

        public DescriptorRegistry build() {
            return new DescriptorRegistry(inputTypes, types.build());
        }
    }
}
