package dev.aiguard.waf.internal.stage;

import dev.aiguard.api.Block;
import dev.aiguard.api.Finding;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.OutputFilter;
import dev.aiguard.waf.CrsStageConfig;
import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafInterruption;
import dev.aiguard.waf.WafResponse;
import dev.aiguard.waf.WafResult;
import dev.aiguard.waf.WafTransaction;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CRS over one response: the request's transaction runs phases 3 (status, headers) and 4 (body) once, over the
 * first {@code maxBodyBytes} of the body, when the body ends or that much has arrived.
 *
 * <ul>
 *   <li><b>audit</b> forwards every chunk at once; a block found at evaluation cuts what is left (usually nothing:
 *       the response has gone out, the block is reported).</li>
 *   <li><b>strict</b> holds the body until it is evaluated; a block then cuts it before any of it is sent. Past
 *       {@code maxBodyBytes} what was held goes out and the rest passes, as the CRS's own
 *       {@code SecResponseBodyLimitAction ProcessPartial} does.</li>
 * </ul>
 *
 * <p>The adapters tell the filter only the content type, so phase 3 sees status 200 and that one header: rules on
 * error statuses (950100) do not apply here. Under monitor nothing is cut; findings are reported.
 */
final class CrsResponseFilter implements OutputFilter {

    private final CrsStage stage;
    private final WafTransaction tx;
    private final String contentType;
    private final boolean strict;
    private final int maxBodyBytes;
    private final boolean monitor;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean evaluated;

    CrsResponseFilter(CrsStage stage, WafTransaction tx, String contentType, CrsStageConfig.ResponseScope scope,
                      boolean monitor) {
        this.stage = stage;
        this.tx = tx;
        this.contentType = contentType;
        this.strict = scope.strict();
        this.maxBodyBytes = scope.maxBodyBytes();
        this.monitor = monitor;
    }

    @Override
    public OutputChunk write(byte[] bytes, int offset, int length) {
        byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + length);
        if (evaluated) {
            return OutputChunk.pass(chunk);
        }
        int room = maxBodyBytes - body.size();
        body.write(chunk, 0, Math.min(room, chunk.length));
        if (body.size() < maxBodyBytes) {
            return strict ? OutputChunk.empty() : OutputChunk.pass(chunk);
        }
        // The inspected part is complete: evaluate now, then the rest passes.
        OutputChunk verdict = evaluate();
        if (!strict) {
            return new OutputChunk(chunk, verdict.findings(), verdict.block());
        }
        if (verdict.cut()) {
            return verdict;
        }
        byte[] beyond = Arrays.copyOfRange(chunk, Math.min(room, chunk.length), chunk.length);
        return new OutputChunk(concat(heldUpTo(), beyond), verdict.findings(), null);
    }

    @Override
    public OutputChunk finish() {
        if (evaluated) {
            return OutputChunk.empty();
        }
        OutputChunk verdict = evaluate();
        if (!strict || verdict.cut()) {
            return verdict;
        }
        return new OutputChunk(heldUpTo(), verdict.findings(), null);
    }

    /** What strict mode holds (the inspected part of the body). */
    private byte[] heldUpTo() {
        return body.toByteArray();
    }

    private OutputChunk evaluate() {
        evaluated = true;
        List<HttpHeader> headers = contentType == null || contentType.isEmpty() ? List.of()
                : List.of(new HttpHeader("Content-Type", contentType));
        WafResult result = tx.processResponse(new WafResponse(200, "HTTP/1.1", headers, body.toByteArray()));
        tx.finish();
        List<Finding> findings = stage.findings(result, 2);
        WafInterruption stop = result.interruption().filter(i -> i.phase() >= 3).orElse(null);
        if (stop == null || monitor) {
            return new OutputChunk(new byte[0], findings, null);
        }
        List<String> cause = new ArrayList<>();
        for (Finding f : findings) {
            if (CrsStage.isDetection(Integer.parseInt(f.ruleId()))) {
                cause.add(f.ruleId());
            }
        }
        if (cause.isEmpty()) {
            cause.add(Integer.toString(stop.ruleId()));
        }
        return new OutputChunk(new byte[0], findings, Block.forbidden(CrsStage.RESPONSE_REASON, cause));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
