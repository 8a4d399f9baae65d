package dev.aiguard.output.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Mode;
import dev.aiguard.api.OutputFilter;
import dev.aiguard.api.OutputStage;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.PromptSegment;
import dev.aiguard.llm.SegmentSource;
import dev.aiguard.output.OutputStageConfig;
import dev.aiguard.output.internal.detect.CanaryDetector;
import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Detectors;
import dev.aiguard.output.internal.detect.OverlapDetector;
import dev.aiguard.output.internal.stream.Action;
import dev.aiguard.output.internal.stream.Policy;
import dev.aiguard.output.internal.stream.StreamInspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: output}: nothing to do on the request; on the response, a {@link StreamInspector} per exchange with the
 * configured detectors plus this exchange's leak detectors (canaries, overlap with its own system prompt).
 */
public final class OutputStageImpl implements Stage, OutputStage {

    private final String name;
    private final OutputStageConfig config;
    private final List<Detector> detectors;
    private final Map<String, Action> actions;
    private final CanaryInjector injector = new CanaryInjector();
    private static final Exchange.AttributeKey<String> CANARY = new Exchange.AttributeKey<>("output.canary", String.class);

    public OutputStageImpl(String name, OutputStageConfig config) {
        this.name = name;
        this.config = config;
        List<Detector> ds = new ArrayList<>();
        Detectors.builtIn().forEach((n, d) -> {
            boolean nationalId = Detectors.NATIONAL_IDS.contains(n);
            if (!config.disabled().contains(n) && (!nationalId || config.nationalIds().contains(n))) {
                ds.add(d);
            }
        });
        if (!config.canaries().isEmpty()) {
            ds.add(new CanaryDetector(config.canaries()));
        }
        this.detectors = List.copyOf(ds);
        Map<String, Action> a = new LinkedHashMap<>();
        config.actions().forEach((k, v) -> a.put(k, Action.parse(v).orElseThrow()));
        this.actions = Map.copyOf(a);
    }

    /** With {@code injectCanary}: plants a fresh canary in the request's system prompt (the body is rewritten). */
    @Override
    public StageOutcome inspect(Exchange exchange) {
        if (!config.injectCanary() || exchange.request().bodyTruncated() || exchange.request().body().length == 0) {
            return StageOutcome.pass();
        }
        String canary = injector.newCanary();
        byte[] rewritten = CanaryInjector.inject(exchange.forwardedBody(), canary);
        if (rewritten != null) {
            exchange.replaceBody(rewritten);
            exchange.attribute(CANARY, canary);
        }
        return StageOutcome.pass();
    }

    @Override
    public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
        List<Detector> forExchange = new ArrayList<>(detectors);
        String canary = exchange.attribute(CANARY);
        if (canary != null) {
            forExchange.add(new CanaryDetector(List.of(canary)));
        }
        if (config.leakNgram() > 0 && !config.disabled().contains("system_prompt")) {
            String system = systemPrompt(exchange);
            if (!system.isEmpty()) {
                OverlapDetector overlap = new OverlapDetector(system, config.leakNgram(), config.leakMinNgrams());
                if (!overlap.isEmpty()) {
                    forExchange.add(overlap);
                }
            }
        }
        Policy policy = new Policy(name, forExchange, actions, config.audit(), mode == Mode.MONITOR,
                config.holdBack());
        return StreamInspector.forContentType(policy, contentType, config.maxBodyBytes());
    }

    private static String systemPrompt(Exchange exchange) {
        LlmRequest request = LlmPayloads.of(exchange.request());
        StringBuilder sb = new StringBuilder();
        for (PromptSegment s : request.segments()) {
            if (s.source() == SegmentSource.SYSTEM) {
                sb.append(s.text()).append('\n');
            }
        }
        return sb.toString();
    }
}
