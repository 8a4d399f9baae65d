package dev.aiguard.grpc.internal;

import dev.aiguard.api.Headers;
import io.grpc.Metadata;

import java.util.ArrayList;
import java.util.List;

/** The text entries of response metadata as {@link Headers}; binary ({@code -bin}) entries are left out. */
final class TrailerHeaders {

    private TrailerHeaders() {
    }

    static Headers of(Metadata metadata) {
        if (metadata.keys().isEmpty()) {
            return Headers.empty();
        }
        List<Headers.Header> lines = new ArrayList<>();
        for (String name : metadata.keys()) {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                continue;
            }
            Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            if (values != null) {
                for (String value : values) {
                    lines.add(new Headers.Header(name, value));
                }
            }
        }
        return Headers.of(lines);
    }
}
