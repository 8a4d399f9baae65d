package dev.aiguard.grpc.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.ResponseGuard;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a call's response messages through the exchange's {@link ResponseGuard}. The adapter only translates: each
 * message becomes its proto3 JSON form, a call with one response (unary, client-streaming) is one JSON body, and the
 * messages of a server-streaming or bidi call are the lines of an NDJSON stream, so that text split across messages
 * is seen whole. What the guard forwards is turned back into messages: a line it forwarded unchanged is the original
 * message, a rewritten (redacted) line is parsed into a new message of the same type. Lines the guard holds back
 * (strict streaming) are sent later, at the latest when the service closes the call.
 *
 * <p>Messages that have no JSON form (raw-byte marshallers, non-protobuf types) pass uninspected. Used under the
 * observed call's lock, so by one thread at a time.
 */
final class GuardedResponses {

    private record Pending(Object message, byte[] json) {
    }

    /** What the service's message (or close) turned into: messages to send now, and the block if the call must end. */
    record Step(List<Object> messages, Block block) {
        static final Step NONE = new Step(List.of(), null);

        boolean cut() {
            return block != null;
        }
    }

    private final ResponseGuard guard;
    private final boolean single;
    private final JsonFormat.Parser parser;
    private final MessageView views;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();

    private GuardedResponses(ResponseGuard guard, boolean single, MessageView views) {
        this.guard = guard;
        this.single = single;
        this.views = views;
        this.parser = JsonFormat.parser().usingTypeRegistry(views.typeRegistry());
    }

    /** The response side of a call, or {@code null} when no output stage inspects it. */
    static GuardedResponses open(Guard guard, Exchange exchange, MethodDescriptor<?, ?> method, MessageView views) {
        boolean single = method.getType() == MethodDescriptor.MethodType.UNARY
                || method.getType() == MethodDescriptor.MethodType.CLIENT_STREAMING;
        ResponseGuard rg = guard.responseGuard(exchange, single ? MessageView.JSON : "application/x-ndjson");
        return rg.active() ? new GuardedResponses(rg, single, views) : null;
    }

    /** Whether the guard stopped the response. */
    boolean cut() {
        return guard.cut();
    }

    /** The block that stopped the response, or {@code null}. */
    Block block() {
        return guard.block();
    }

    /** The service sent a message. */
    Step send(Object message) {
        if (guard.cut()) {
            return Step.NONE;
        }
        byte[] json = views.ofResponse(message);
        if (json == null) {
            // No JSON form: nothing to inspect, but order is kept behind what is held back.
            return heldBack() ? queue(message, null, OutputChunk.empty()) : new Step(List.of(message), null);
        }
        if (single) {
            pending.add(new Pending(message, json));
            return toMessages(guard.inspect(json), true);
        }
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return queue(message, json, guard.write(line, 0, line.length));
    }

    /** The service closed the call: what was held back. Also reports the response's findings. */
    Step finish() {
        return toMessages(guard.finish(), true);
    }

    private boolean heldBack() {
        return !pending.isEmpty();
    }

    private Step queue(Object message, byte[] json, OutputChunk chunk) {
        pending.add(new Pending(message, json));
        return toMessages(chunk, false);
    }

    /** Turns the forwarded bytes into messages: one per complete line (or the whole body of a single answer). */
    private Step toMessages(OutputChunk chunk, boolean end) {
        forwarded.write(chunk.data(), 0, chunk.data().length);
        List<Object> out = new ArrayList<>();
        if (single) {
            if (end && !chunk.cut() && !pending.isEmpty()) {
                out.add(rebuild(pending.poll(), forwarded.toByteArray()));
                forwarded.reset();
            }
        } else {
            byte[] bytes = forwarded.toByteArray();
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    drainUninspected(out);
                    Pending p = pending.poll();
                    if (p != null) {
                        out.add(rebuild(p, Arrays.copyOfRange(bytes, from, i)));
                    }
                    from = i + 1;
                }
            }
            forwarded.reset();
            forwarded.write(bytes, from, bytes.length - from);
            if (!chunk.cut()) {
                drainUninspected(out);
            }
        }
        if (chunk.cut()) {
            pending.clear();
        } else if (end) {
            drainUninspected(out);
        }
        return new Step(out, chunk.block());
    }

    /** Messages without a JSON form that were queued behind inspected ones go out once those have. */
    private void drainUninspected(List<Object> out) {
        while (!pending.isEmpty() && pending.peek().json() == null) {
            out.add(pending.poll().message());
        }
    }

    /** The original message when the guard forwarded its JSON unchanged, otherwise the rewritten JSON parsed back. */
    private Object rebuild(Pending p, byte[] json) {
        if (Arrays.equals(p.json(), json)) {
            return p.message();
        }
        Message.Builder builder = ((Message) p.message()).newBuilderForType();
        try {
            parser.merge(new String(json, StandardCharsets.UTF_8), builder);
        } catch (InvalidProtocolBufferException e) {
            // A filter rewrote the text into something that is no longer this message: never send the original.
            throw new IllegalStateException("rewritten response does not parse as "
                    + builder.getDescriptorForType().getFullName());
        }
        return builder.build();
    }
}
