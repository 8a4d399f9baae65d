package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.LlmFields;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.WafResponse;
import dev.aiguard.waf.internal.body.BodyResult;
import dev.aiguard.waf.internal.body.JsonBody;
import dev.aiguard.waf.internal.body.MultipartBody;
import dev.aiguard.waf.internal.body.MultipartFlag;
import dev.aiguard.waf.internal.body.MultipartResult;
import dev.aiguard.waf.internal.body.Param;
import dev.aiguard.waf.internal.body.UrlEncoded;
import dev.aiguard.waf.internal.body.XmlBody;
import dev.aiguard.waf.internal.body.XmlResult;
import dev.aiguard.waf.internal.operator.Captures;
import dev.aiguard.waf.internal.operator.OperatorContext;
import dev.aiguard.waf.internal.transform.Transformation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP transaction running through a {@link RuleSet}: phases 1-5 in order, each at most once. Not
 * thread-safe; create one per request. Memory is bounded by the request (body capped at the request body limit)
 * and the rule set.
 */
public final class Transaction {

    private static final LinkMatch UNCONDITIONAL = new LinkMatch("", "", null);

    private final RuleSet rules;
    private final EngineConfig config;
    private final WafRequest request;
    private final String uniqueId;
    private final long startNanos = System.nanoTime();
    private final VariableStore vars = new VariableStore();
    private final Map<TransformKey, String> transformCache = new HashMap<>();
    private final Map<String, Macro> argumentMacros = new HashMap<>();
    private final List<RuleMatch> matches = new ArrayList<>();
    private final List<String> removedIds = new ArrayList<>();
    private final List<String> removedTags = new ArrayList<>();
    private final List<String> removedMsgs = new ArrayList<>();
    private final List<RuntimeExclusion> removedTargets = new ArrayList<>();
    /** Per rule, the runtime target exclusions that apply to it (cleared when a ctl adds one). */
    private final Map<CompiledRule, List<CompiledTarget>> runtimeExclusions = new java.util.IdentityHashMap<>();
    /** The variables of {@link #removedTargets}: an exclusion only removes values of its own variable. */
    private final java.util.Set<Variable> removedTargetVariables = java.util.EnumSet.noneOf(Variable.class);
    private final OpContext opContext = new OpContext();
    private final LlmFields llm;
    private RuleEngineMode mode;
    private boolean requestBodyAccess;
    private boolean forceRequestBodyVariable;
    private boolean responseBodyAccess;
    private Interruption interruption;
    private AllowScope allowed;
    private int allowedInPhase;
    private int lastPhase;
    private CompiledRule currentRule;
    private int highestSeverity = 255;
    private int operatorErrors;
    private int argCount;
    private boolean tooManyArgs;

    private record TransformKey(String chain, String value) {
    }

    /**
     * @param rules    the compiled rules
     * @param request  the request
     * @param uniqueId UNIQUE_ID for this transaction
     */
    public Transaction(RuleSet rules, WafRequest request, String uniqueId) {
        this(rules, request, uniqueId, Map.of());
    }

    /**
     * @param rules     the compiled rules
     * @param request   the request
     * @param uniqueId  UNIQUE_ID for this transaction
     * @param initialTx TX variables set before any rule runs
     */
    public Transaction(RuleSet rules, WafRequest request, String uniqueId, Map<String, String> initialTx) {
        this(rules, request, uniqueId, initialTx, null);
    }

    /**
     * @param rules     the compiled rules
     * @param request   the request
     * @param uniqueId  UNIQUE_ID for this transaction
     * @param initialTx TX variables set before any rule runs
     * @param llm       the request's LLM payload (LLM_* variables, prompt-field scoping), or {@code null}
     */
    public Transaction(RuleSet rules, WafRequest request, String uniqueId, Map<String, String> initialTx,
                       LlmFields llm) {
        this.llm = llm;
        this.rules = rules;
        this.config = rules.config();
        this.request = request;
        this.uniqueId = uniqueId;
        this.mode = config.ruleEngine();
        this.requestBodyAccess = config.requestBodyAccess();
        this.responseBodyAccess = config.responseBodyAccess();
        initialTx.forEach(vars::txSet);
        populateRequest();
        LlmVariables.populate(llm, vars);
    }

    // ------------------------------------------------------------------ phases

    /** Phase 1: request line and headers. */
    public void processRequestHeaders() {
        runPhase(1);
    }

    /** Phase 2: runs the body processor chosen by Content-Type or {@code ctl}, then the phase-2 rules. */
    public void processRequestBody() {
        if (lastPhase >= 2) {
            return;
        }
        if (lastPhase < 1) {
            processRequestHeaders();
        }
        processBody();
        runPhase(2);
    }

    /** Phase 3: response status and headers. */
    public void processResponseHeaders(WafResponse response) {
        if (lastPhase < 2) {
            processRequestBody();
        }
        vars.set(Variable.RESPONSE_STATUS, Integer.toString(response.status()));
        vars.set(Variable.RESPONSE_PROTOCOL, response.protocol());
        vars.set(Variable.STATUS_LINE, response.protocol() + " " + response.status());
        for (HttpHeader h : response.headers()) {
            vars.add(Variable.RESPONSE_HEADERS, h.name(), h.value());
            if (h.name().equalsIgnoreCase("Content-Type")) {
                vars.set(Variable.RESPONSE_CONTENT_TYPE, h.value());
            } else if (h.name().equalsIgnoreCase("Content-Length")) {
                vars.set(Variable.RESPONSE_CONTENT_LENGTH, h.value());
            }
        }
        runPhase(3);
    }

    /** Phase 4: the response body, when response body access is on and its MIME type is listed. */
    public void processResponseBody(WafResponse response) {
        if (lastPhase < 3) {
            processResponseHeaders(response);
        }
        String contentType = vars.get(Variable.RESPONSE_CONTENT_TYPE);
        if (responseBodyAccess && config.inspectsResponseMimeType(contentType)) {
            String body = response.bodyText();
            if (body.length() > config.responseBodyLimit()) {
                body = body.substring(0, config.responseBodyLimit());
                vars.set(Variable.OUTBOUND_DATA_ERROR, "1");
            }
            vars.set(Variable.RESPONSE_BODY, body);
        }
        runPhase(4);
    }

    /** Phase 5: logging. Runs even after an interruption. */
    public void processLogging() {
        runPhase(5);
    }

    // ------------------------------------------------------------------ results

    /** The interruption, if a disruptive action stopped the transaction (never in DetectionOnly). */
    public Optional<Interruption> interruption() {
        return Optional.ofNullable(interruption);
    }

    /** Every rule that matched, in order. */
    public List<RuleMatch> matches() {
        return List.copyOf(matches);
    }

    /** The log lines of matched rules that log. */
    public List<String> logLines() {
        return matches.stream().filter(RuleMatch::logged).map(RuleMatch::logLine).toList();
    }

    /** A TX variable (case-insensitive name), or {@code null}. */
    public String tx(String name) {
        return vars.txGet(name);
    }

    /** An immutable snapshot of all TX variables (capture groups are computed when read). */
    public Map<String, String> txVariables() {
        return vars.txSnapshot();
    }

    /** The value of a scalar variable, or {@code null}. */
    public String variable(Variable variable) {
        return vars.scalar(variable);
    }

    /** All values a target would yield (for diagnostics and tests). */
    public List<VarValue> values(CompiledTarget target) {
        return vars.values(target);
    }

    /** The current rule engine mode (ctl:ruleEngine may change it). */
    public RuleEngineMode mode() {
        return mode;
    }

    /** Number of operator evaluations that threw and were treated as no match. */
    public int operatorErrors() {
        return operatorErrors;
    }

    // ------------------------------------------------------------------ request variables

    private void populateRequest() {
        RequestLine line = RequestLine.parse(request.uri());
        vars.set(Variable.REQUEST_METHOD, request.method());
        vars.set(Variable.REQUEST_PROTOCOL, request.protocol());
        vars.set(Variable.REQUEST_LINE, request.method() + " " + request.uri() + " " + request.protocol());
        vars.set(Variable.REQUEST_URI_RAW, request.uri());
        vars.set(Variable.REQUEST_URI, line.uri());
        // Like libmodsecurity, the path variables are percent-decoded (REQUEST_URI stays raw).
        vars.set(Variable.REQUEST_FILENAME, UrlEncoded.percentDecode(line.filename()));
        vars.set(Variable.REQUEST_BASENAME, UrlEncoded.percentDecode(line.basename()));
        vars.set(Variable.QUERY_STRING, line.query() == null ? "" : line.query());
        vars.set(Variable.PATH_INFO, "");
        vars.set(Variable.REMOTE_ADDR, request.remoteAddr());
        vars.set(Variable.REMOTE_HOST, request.remoteAddr());
        vars.set(Variable.REMOTE_PORT, Integer.toString(request.remotePort()));
        vars.set(Variable.SERVER_NAME, request.serverName());
        vars.set(Variable.SERVER_ADDR, request.serverName());
        vars.set(Variable.SERVER_PORT, Integer.toString(request.serverPort()));
        vars.set(Variable.UNIQUE_ID, uniqueId);
        vars.set(Variable.REQBODY_ERROR, "0");
        vars.set(Variable.REQBODY_PROCESSOR_ERROR, "0");
        vars.set(Variable.URLENCODED_ERROR, "0");
        vars.set(Variable.INBOUND_DATA_ERROR, "0");
        vars.set(Variable.OUTBOUND_DATA_ERROR, "0");
        if (line.query() != null) {
            for (Param p : UrlEncoded.parse(line.query(), config.argumentSeparator())) {
                if (argCount < config.argumentsLimit()) {
                    argCount++;
                    vars.add(Variable.ARGS_GET, p.name(), p.value());
                }
            }
        }
        String contentType = null;
        for (HttpHeader h : request.headers()) {
            vars.add(Variable.REQUEST_HEADERS, h.name(), h.value());
            if (h.name().equalsIgnoreCase("Cookie")) {
                parseCookies(h.value());
            } else if (h.name().equalsIgnoreCase("Content-Type") && contentType == null) {
                contentType = h.value();
            }
        }
        String processor = BodyProcessors.forContentType(contentType, config);
        // Present but empty when no processor applies: CRS 901340 tests it with a negated regex.
        vars.set(Variable.REQBODY_PROCESSOR, processor == null ? "" : processor);
    }

    private void parseCookies(String header) {
        for (String part : header.split(";")) {
            String cookie = part.strip();
            if (cookie.isEmpty()) {
                continue;
            }
            int eq = cookie.indexOf('=');
            String name = eq < 0 ? cookie : cookie.substring(0, eq).strip();
            String value = eq < 0 ? "" : cookie.substring(eq + 1);
            vars.add(Variable.REQUEST_COOKIES, name, value);
        }
    }

    private void processBody() {
        String body = request.bodyText();
        vars.set(Variable.REQUEST_BODY_LENGTH, Integer.toString(body.length()));
        if (!requestBodyAccess) {
            return;
        }
        if (body.length() > config.requestBodyLimit()) {
            body = body.substring(0, config.requestBodyLimit());
            vars.set(Variable.INBOUND_DATA_ERROR, "1");
        }
        String processor = vars.get(Variable.REQBODY_PROCESSOR);
        String error = null;
        switch (processor == null ? "" : processor.toUpperCase(Locale.ROOT)) {
            case "URLENCODED" -> {
                for (Param p : UrlEncoded.parse(body, config.argumentSeparator())) {
                    addPostArg(p);
                }
            }
            case "JSON" -> error = processJson(body);
            case "XML" -> {
                XmlResult r = XmlBody.parse(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                vars.setXml(r.text(), r.attributes());
                error = r.error();
            }
            case "MULTIPART" -> error = processMultipart(body);
            default -> {
                // No processor: the body is only available as REQUEST_BODY (when forced, see below).
            }
        }
        // As the ModSecurity manual specifies: REQUEST_BODY holds the raw body after URLENCODED processing or
        // when forced (CRS 901340 forces it when no processor applies). The CRS tests rely on XML and JSON
        // bodies not being in REQUEST_BODY (e.g. 944100-11).
        if (forceRequestBodyVariable || "URLENCODED".equalsIgnoreCase(processor)) {
            vars.set(Variable.REQUEST_BODY, body);
        }
        if (error == null && tooManyArgs) {
            error = "Too many arguments in request (limit " + config.argumentsLimit() + ")";
        }
        if (error != null) {
            vars.set(Variable.REQBODY_ERROR, "1");
            vars.set(Variable.REQBODY_PROCESSOR_ERROR, "1");
            vars.set(Variable.REQBODY_ERROR_MSG, error);
            vars.set(Variable.REQBODY_PROCESSOR_ERROR_MSG, error);
        }
    }

    /** Adds a body argument; beyond SecArgumentsLimit arguments are dropped and the body counts as bad. */
    private void addPostArg(Param p) {
        addPostArg(p, null);
    }

    /** Adds a body argument that belongs to {@code prompt} (or to none when {@code null}). */
    private void addPostArg(Param p, LlmFields.Prompt prompt) {
        if (argCount >= config.argumentsLimit()) {
            tooManyArgs = true;
            return;
        }
        argCount++;
        if (prompt == null) {
            vars.add(Variable.ARGS_POST, p.name(), p.value());
        } else {
            vars.addPrompt(Variable.ARGS_POST, p.name(), p.value(), prompt);
        }
    }

    /** The JSON body processor; with an LLM payload, arguments inside prompt fields are marked for scoping. */
    private String processJson(String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        PromptPaths prompts = PromptPaths.of(llm);
        if (prompts.isEmpty()) {
            BodyResult r = JsonBody.parse(bytes, config.requestBodyJsonDepthLimit(), config.argumentsLimit());
            r.args().forEach(this::addPostArg);
            return r.error();
        }
        List<String> paths = new ArrayList<>();
        BodyResult r = JsonBody.parse(bytes, config.requestBodyJsonDepthLimit(), config.argumentsLimit(), paths);
        for (int i = 0; i < r.args().size(); i++) {
            addPostArg(r.args().get(i), prompts.promptAt(paths.get(i)));
        }
        return r.error();
    }

    private String processMultipart(String body) {
        String contentType = firstRequestHeader("Content-Type");
        MultipartResult r = MultipartBody.parse(body, contentType, config.uploadFileLimit());
        r.args().forEach(this::addPostArg);
        for (Param f : r.files()) {
            vars.add(Variable.FILES, f.name(), f.value());
            vars.add(Variable.FILES_TMPNAMES, f.name(), "");
        }
        r.fileSizes().forEach(p -> vars.add(Variable.FILES_SIZES, p.name(), p.value()));
        r.partHeaders().forEach(p -> vars.add(Variable.MULTIPART_PART_HEADERS, p.name(), p.value()));
        for (MultipartFlag flag : MultipartFlag.values()) {
            vars.set(Variable.valueOf("MULTIPART_" + flag.name()), r.flags().contains(flag) ? "1" : "0");
        }
        boolean strict = !r.flags().isEmpty() || r.error() != null;
        vars.set(Variable.MULTIPART_STRICT_ERROR, strict ? "1" : "0");
        return r.error() == null ? null : "Multipart parsing error: " + r.error();
    }

    private String firstRequestHeader(String name) {
        for (HttpHeader h : request.headers()) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ rule execution

    private void runPhase(int phase) {
        if (phase <= lastPhase) {
            return;
        }
        lastPhase = phase;
        if (mode == RuleEngineMode.OFF || (interruption != null && phase != 5) || skippedByAllow(phase)) {
            return;
        }
        List<CompiledRule> list = rules.rules(phase);
        int i = 0;
        while (i < list.size()) {
            CompiledRule rule = list.get(i);
            if (mode == RuleEngineMode.OFF) {
                return;
            }
            if (isRemoved(rule) || !runRule(rule, phase)) {
                i++;
                continue;
            }
            if (interruption != null || (allowed != null && allowedInPhase == phase)) {
                return;
            }
            i = nextIndex(rule, phase, i, list.size());
        }
    }

    private int nextIndex(CompiledRule rule, int phase, int i, int size) {
        if (rule.skipAfter() != null) {
            int target = rules.jumpTarget(phase, rule.skipAfter());
            return target > i ? target : size;
        }
        return i + 1 + rule.skip();
    }

    private boolean skippedByAllow(int phase) {
        if (allowed == null || phase == 5) {
            return false;
        }
        return switch (allowed) {
            case ALL -> true;
            case PHASE -> false;
            case REQUEST -> phase <= 2;
        };
    }

    private boolean isRemoved(CompiledRule rule) {
        for (String spec : removedIds) {
            if (RuleSelection.idMatches(spec, rule.id())) {
                return true;
            }
        }
        for (String spec : removedTags) {
            if (RuleSelection.anyTextMatches(spec, rule.tags())) {
                return true;
            }
        }
        for (String spec : removedMsgs) {
            if (RuleSelection.textMatches(spec, rule.msgText())) {
                return true;
            }
        }
        return false;
    }

    /** Runs a rule and its chain; returns {@code true} when the whole chain matched. */
    private boolean runRule(CompiledRule rule, int phase) {
        currentRule = rule;
        vars.clearMatchedVars();
        boolean chained = rule.next() != null;
        LinkMatch last = null;
        for (CompiledRule link = rule; link != null; link = link.next()) {
            last = evaluateLink(rule, link, phase, !chained);
            if (last == null) {
                return false;
            }
        }
        if (chained) {
            record(rule, phase, last);
        }
        disrupt(rule, phase);
        return true;
    }

    /** The last value a link matched; {@code link} is {@code null} for an unconditional one. */
    private record LinkMatch(String varName, String value, CompiledRule link) {
    }

    private LinkMatch evaluateLink(CompiledRule rule, CompiledRule link, int phase, boolean logEachMatch) {
        if (link.unconditional()) {
            runActions(link);
            LinkMatch m = UNCONDITIONAL;
            if (logEachMatch) {
                record(rule, phase, m);
            }
            return m;
        }
        boolean stopAtFirst = logEachMatch && mode == RuleEngineMode.ON && rule.disruptive().interrupts();
        LinkMatch last = null;
        opContext.link = link;
        for (VarValue value : collect(rule, link)) {
            String matched = evaluateValue(link, value.value());
            if (matched == null) {
                continue;
            }
            vars.set(Variable.MATCHED_VAR, matched);
            vars.set(Variable.MATCHED_VAR_NAME, value.name());
            vars.addMatchedVar(value.name(), matched);
            runActions(link);
            last = new LinkMatch(value.name(), matched, link);
            if (logEachMatch) {
                record(rule, phase, last);
            }
            if (stopAtFirst) {
                break;
            }
        }
        return last;
    }

    /** Evaluates the operator on one value; returns the (transformed) value that matched, or {@code null}. */
    private String evaluateValue(CompiledRule link, String raw) {
        if (!link.multiMatch()) {
            String value = transform(link, raw);
            return test(link, value) ? value : null;
        }
        String value = raw;
        if (test(link, value)) {
            return value;
        }
        for (Transformation t : link.transformations()) {
            String next = t.apply(value);
            if (!next.equals(value) && test(link, next)) {
                return next;
            }
            value = next;
        }
        return null;
    }

    private boolean test(CompiledRule link, String value) {
        boolean result;
        try {
            result = link.operator().evaluate(value, opContext);
        } catch (RuntimeException e) {
            operatorErrors++;
            return false;
        }
        return result != link.operatorSpec().negated();
    }

    private String transform(CompiledRule link, String raw) {
        if (link.transformations().isEmpty()) {
            return raw;
        }
        TransformKey key = new TransformKey(link.transformKey(), raw);
        String cached = transformCache.get(key);
        if (cached != null) {
            return cached;
        }
        String value = raw;
        for (Transformation t : link.transformations()) {
            value = t.apply(value);
        }
        transformCache.put(key, value);
        return value;
    }

    private List<VarValue> collect(CompiledRule rule, CompiledRule link) {
        List<CompiledTarget> exclusions = link.exclusions();
        if (!removedTargets.isEmpty() && targetsAnyOf(link, removedTargetVariables)) {
            List<CompiledTarget> runtime = runtimeExclusions.computeIfAbsent(rule, this::runtimeExclusionsFor);
            if (!runtime.isEmpty()) {
                exclusions = new ArrayList<>(exclusions);
                exclusions.addAll(runtime);
            }
        }
        List<VarValue> out = new ArrayList<>();
        for (CompiledTarget target : link.targets()) {
            List<VarValue> values = vars.values(target, rule.id() / 1000);
            if (target.count()) {
                String name = target.key() == null ? null : target.key();
                out.add(new VarValue(target.variable(), name, Integer.toString(values.size())));
                continue;
            }
            for (VarValue v : values) {
                if (!excluded(v, exclusions)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static boolean targetsAnyOf(CompiledRule link, java.util.Set<Variable> variables) {
        List<CompiledTarget> targets = link.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (variables.contains(targets.get(i).variable())) {
                return true;
            }
        }
        return false;
    }

    private List<CompiledTarget> runtimeExclusionsFor(CompiledRule rule) {
        List<CompiledTarget> out = new ArrayList<>();
        for (RuntimeExclusion ex : removedTargets) {
            if (ex.appliesTo(rule)) {
                out.add(ex.target());
            }
        }
        return out;
    }

    private static boolean excluded(VarValue v, List<CompiledTarget> exclusions) {
        // Indexed: called for every value of every rule, and most lists are empty.
        for (int i = 0; i < exclusions.size(); i++) {
            if (exclusions.get(i).covers(v)) {
                return true;
            }
        }
        return false;
    }

    private void runActions(CompiledRule link) {
        for (MatchAction action : link.matchActions()) {
            action.apply(this);
        }
    }

    /**
     * Records a match. Its msg and logdata are expanded now, except for capture groups not computed yet
     * ({@code %{TX.0}}), which are computed, like the log line, only if someone reads the text.
     */
    private void record(CompiledRule rule, int phase, LinkMatch m) {
        LazyText msg = rule.msg() == null ? LazyText.EMPTY : expandLater(rule.msg());
        LazyText data = rule.logData() == null ? LazyText.EMPTY : expandLater(rule.logData());
        boolean interrupts = mode == RuleEngineMode.ON && rule.disruptive().interrupts();
        int status = statusOf(rule);
        LazyText line = rule.log() ? logLine(rule, phase, m, msg, data, interrupts, status) : LazyText.EMPTY;
        if (rule.severity() >= 0 && rule.log()) {
            highestSeverity = Math.min(highestSeverity, rule.severity());
            vars.set(Variable.HIGHEST_SEVERITY, Integer.toString(highestSeverity));
        }
        matches.add(new RuleMatch(rule.id(), phase, msg, data, rule.tags(), rule.severity(), m.varName(),
                m.value(), rule.disruptive(), rule.log(), line));
    }

    private LazyText logLine(CompiledRule rule, int phase, LinkMatch m, LazyText msg, LazyText data,
                             boolean interrupts, int status) {
        return LazyText.later(() -> {
            CompiledRule link = m.link();
            String operatorText = link == null ? null : LogLine.operatorText(link.operatorSpec().name(),
                    link.operatorSpec().argument(), link.operatorSpec().negated());
            return LogLine.format(rule, phase, operatorText, m.varName(), m.value(), msg.get(), data.get(),
                    interrupts, status, request.serverName(), request.uri(), uniqueId);
        });
    }

    private LazyText expandLater(Macro macro) {
        return macro.expandLater(this::resolve, this::pendingCapture);
    }

    private java.util.function.Supplier<String> pendingCapture(Variable variable, String key) {
        return variable == Variable.TX && key != null ? vars.txPending(key) : null;
    }

    private static int statusOf(CompiledRule rule) {
        if (rule.status() > 0) {
            return rule.status();
        }
        return rule.disruptive() == Disruptive.REDIRECT ? 302 : 403;
    }

    private void disrupt(CompiledRule rule, int phase) {
        if (mode != RuleEngineMode.ON) {
            return;
        }
        if (rule.disruptive().interrupts()) {
            interruption = new Interruption(rule.id(), phase, rule.disruptive(), statusOf(rule));
        } else if (rule.disruptive() == Disruptive.ALLOW) {
            allowed = rule.allowScope();
            allowedInPhase = phase;
        }
    }

    // ------------------------------------------------------------------ used by actions

    /** Expands a macro against this transaction. */
    public String expand(Macro macro) {
        return macro.expand(this::resolve);
    }

    String txGet(String key) {
        return vars.txGet(key);
    }

    void txSet(String key, String value) {
        vars.txSet(key, value);
    }

    void txDelete(String key) {
        vars.txDelete(key);
    }

    /** Applies a {@code ctl}. Bad values are ignored: a ctl can never break the transaction. */
    void control(CtlAction.Kind kind, String value) {
        switch (kind) {
            case RULE_ENGINE -> {
                try {
                    mode = RuleEngineMode.parse(value);
                } catch (IllegalArgumentException e) {
                    // Leave the mode unchanged.
                }
            }
            case REQUEST_BODY_PROCESSOR -> {
                if (lastPhase <= 1) {
                    vars.set(Variable.REQBODY_PROCESSOR, value.trim().toUpperCase(Locale.ROOT));
                }
            }
            case FORCE_REQUEST_BODY_VARIABLE -> forceRequestBodyVariable = isOn(value);
            case REQUEST_BODY_ACCESS -> requestBodyAccess = isOn(value);
            case RESPONSE_BODY_ACCESS -> responseBodyAccess = isOn(value);
            case RULE_REMOVE_BY_ID -> removedIds.addAll(List.of(value.trim().split("\\s+")));
            case RULE_REMOVE_BY_TAG -> removedTags.add(value.trim());
            case RULE_REMOVE_BY_MSG -> removedMsgs.add(value.trim());
            case RULE_REMOVE_TARGET_BY_ID, RULE_REMOVE_TARGET_BY_TAG, RULE_REMOVE_TARGET_BY_MSG -> {
                int semicolon = value.indexOf(';');
                if (semicolon > 0) {
                    try {
                        CompiledTarget target = TargetText.parse(value.substring(semicolon + 1));
                        removedTargets.add(new RuntimeExclusion(kind, value.substring(0, semicolon).trim(),
                                target));
                        removedTargetVariables.add(target.variable());
                        runtimeExclusions.clear();
                    } catch (IllegalArgumentException e) {
                        // An unknown variable excludes nothing.
                    }
                }
            }
            case IGNORED -> {
                // Nothing to do.
            }
        }
    }

    private static boolean isOn(String value) {
        return value.trim().equalsIgnoreCase("on") || value.trim().equals("1");
    }

    private String resolve(Variable variable, String key) {
        return switch (variable) {
            case TX -> key == null ? null : vars.txGet(key);
            case RULE -> ruleField(key);
            case DURATION -> Long.toString((System.nanoTime() - startNanos) / 1000);
            default -> {
                if (variable.isCollection()) {
                    yield key == null ? null : vars.member(variable, key);
                }
                yield vars.scalar(variable);
            }
        };
    }

    private String ruleField(String key) {
        CompiledRule r = currentRule;
        if (r == null || key == null) {
            return null;
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "id" -> Integer.toString(r.id());
            case "msg" -> r.msg() == null ? "" : r.msg().source();
            case "rev" -> r.rev();
            case "ver" -> r.ver();
            case "severity" -> r.severity() < 0 ? null : Integer.toString(r.severity());
            case "phase" -> Integer.toString(r.phase());
            case "logdata" -> r.logData() == null ? "" : r.logData().source();
            default -> null;
        };
    }

    /** Operators see the transaction through this. */
    private final class OpContext implements OperatorContext {
        private CompiledRule link;

        @Override
        public String expandMacros(String text) {
            return expand(argumentMacros.computeIfAbsent(text, Macro::parse));
        }

        @Override
        public boolean captureEnabled() {
            return link != null && link.capture();
        }

        @Override
        public void captured(Captures captures) {
            vars.txCaptured(captures);
        }
    }
}
