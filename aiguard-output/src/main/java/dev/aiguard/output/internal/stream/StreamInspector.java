package dev.aiguard.output.internal.stream;

import dev.aiguard.api.Block;
import dev.aiguard.api.Finding;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.OutputFilter;
import dev.aiguard.api.Severity;
import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Match;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The output filter: cuts the body into events ({@link Framer}), inspects the text inside them and forwards them,
 * rewritten when something was redacted.
 *
 * <p>Strict mode holds back the last {@link Policy#holdBack()} characters of generated text (and the events holding
 * them): a match is acted on once it starts before that window, by which time it is complete if it is no longer than
 * the window. A token or private key that runs past the window is redacted from its start and its continuation is
 * redacted as it arrives. Text outside generated-text fields (ids, whole JSON bodies) is inspected per value, at once.
 *
 * <p>Audit mode forwards every chunk unchanged the moment it arrives and runs the same inspection behind it: findings
 * only, and a block cuts the rest of the stream. Memory: the held events plus one event being assembled, both bounded.
 */
public final class StreamInspector implements OutputFilter {

    /** Most findings one response reports. */
    static final int MAX_FINDINGS = 64;
    private static final int EXCERPT_PREFIX = 4;
    private static final int PEM_TAIL = 48;
    private static final java.util.regex.Pattern PEM_END =
            java.util.regex.Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");

    private final Policy policy;
    /** New generated text (chars) that triggers a detection pass. */
    private final int scanStep;
    private final Framer framer;
    private final String target;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    /** The generated-text pieces of the held events, in order, and their total length. */
    private final ArrayDeque<Piece> joined = new ArrayDeque<>();
    private int heldChars;
    private final List<Event> framed = new ArrayList<>();
    private final List<Finding> found = new ArrayList<>();
    private int reported;
    /** Generated-text position (in the held text) up to which detection already ran. */
    private int scannedTo;
    /** The detector of a match still open at the end of the held text (its continuation is redacted), or null. */
    private Detector contDetector;
    /** The last chars removed as a private key body, where an END line may have started. */
    private String contTail = "";
    /** Length of the held generated text when the previous chunk was done with. */
    private int heldLength;
    private Block block;

    StreamInspector(Policy policy, Framer framer, String target) {
        this.scanStep = Math.max(16, policy.holdBack() / 8);
        this.policy = policy;
        this.framer = framer;
        this.target = target;
    }

    /** An inspector for a response of the given content type, or {@code null} when the type carries no text. */
    public static StreamInspector forContentType(Policy policy, String contentType, int maxBodyBytes) {
        String t = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("text/event-stream")) {
            return new StreamInspector(policy, new SseFramer(maxBodyBytes), "response.sse");
        }
        if (t.startsWith("application/x-ndjson") || t.startsWith("application/ndjson") || t.startsWith("application/jsonl")) {
            return new StreamInspector(policy, new NdjsonFramer(maxBodyBytes), "response.ndjson");
        }
        if (t.startsWith("application/json") || (t.startsWith("application/") && t.contains("+json"))) {
            return new StreamInspector(policy, new JsonBodyFramer(maxBodyBytes), "response.json");
        }
        if (t.isEmpty() || t.startsWith("text/")) {
            return new StreamInspector(policy, new RawFramer(), "response.text");
        }
        return null;
    }

    @Override
    public OutputChunk write(byte[] bytes, int offset, int length) {
        if (block != null) {
            return OutputChunk.empty();
        }
        framer.feed(bytes, offset, length, framed);
        byte[] out = advance(false);
        if (policy.audit()) {
            out = Arrays.copyOfRange(bytes, offset, offset + length);
        }
        return result(out);
    }

    @Override
    public OutputChunk finish() {
        if (block != null) {
            return OutputChunk.empty();
        }
        framer.finish(framed);
        byte[] out = advance(true);
        return result(policy.audit() ? new byte[0] : out);
    }

    private OutputChunk result(byte[] out) {
        List<Finding> fresh = found.size() > reported ? List.copyOf(found.subList(reported, found.size())) : List.of();
        reported = found.size();
        if (block != null) {
            return new OutputChunk(out, fresh, block);
        }
        return fresh.isEmpty() ? OutputChunk.pass(out) : new OutputChunk(out, fresh, null);
    }

    private byte[] advance(boolean end) {
        for (Event e : framed) {
            inspectAlone(e);
            pending.add(e);
            for (Piece p : e.pieces()) {
                if (p.joins()) {
                    joined.add(p);
                    heldChars += p.text().length();
                }
            }
        }
        framed.clear();
        continueOpenMatch(end);
        int length = heldChars;
        int boundary = end ? length : Math.max(0, length - policy.holdBack());
        boolean blockedBefore = block != null;
        // Detection runs once enough new text has passed the window (not per token): it costs one pass over the new
        // text, and what is released waits at most one step longer.
        int releaseLimit = Math.min(boundary, scannedTo);
        if (end || boundary - scannedTo >= scanStep) {
            releaseLimit = detect(boundary);
        }
        if (blockedBefore) {
            // Blocked by a value inspected on arrival: nothing more is forwarded.
            return new byte[0];
        }
        return release(end && block == null ? Integer.MAX_VALUE : releaseLimit);
    }

    /** Pieces that are not generated text are complete on arrival: inspect each on its own, now. */
    private void inspectAlone(Event e) {
        for (Piece p : e.pieces()) {
            if (p.joins() || p.text().isEmpty()) {
                continue;
            }
            List<Match> matches = Scan.run(policy.detectors(), p.text());
            for (Match m : matches) {
                record(m, p.text().substring(m.start(), m.end()));
            }
            for (int i = matches.size() - 1; i >= 0; i--) {
                Match m = matches.get(i);
                if (rewritesText(m)) {
                    p.replace(m.start(), m.end(), m.detector().replacement(p.text().substring(m.start(), m.end())));
                }
            }
        }
    }

    /**
     * Runs the detectors over the held generated text and acts on matches that start in [scannedTo, boundary).
     *
     * @return how far (after rewriting) the held text is final and may be released
     */
    private int detect(int boundary) {
        String text = concat();
        List<Match> matches = Scan.run(policy.detectors(), text, Math.min(scannedTo, boundary), boundary);
        int shift = 0;
        int releaseLimit = -1;
        int newScanned = -1;
        int blockLimit = -1;
        List<Match> acted = new ArrayList<>();
        for (Match m : matches) {
            if (m.start() < scannedTo || m.start() >= boundary) {
                continue;
            }
            acted.add(m);
        }
        List<String> replacements = new ArrayList<>(acted.size());
        for (Match m : acted) {
            replacements.add(m.detector().replacement(text.substring(m.start(), m.end())));
        }
        for (Match m : acted) {
            boolean blocks = record(m, text.substring(m.start(), m.end()));
            if (blocks && blockLimit < 0) {
                blockLimit = m.start();
            }
        }
        // Offsets stay valid when rewriting right to left; the new positions are computed left to right.
        for (int i = acted.size() - 1; i >= 0; i--) {
            Match m = acted.get(i);
            if (rewritesText(m)) {
                rewrite(m.start(), m.end(), replacements.get(i));
                if (m.open()) {
                    openContinuation(m.detector());
                }
            }
        }
        for (int i = 0; i < acted.size(); i++) {
            Match m = acted.get(i);
            int delta = rewritesText(m) ? replacements.get(i).length() - (m.end() - m.start()) : 0;
            if (m.start() == blockLimit) {
                blockLimit += shift;
            }
            if (m.end() <= boundary) {
                shift += delta;
            } else if (releaseLimit < 0) {
                releaseLimit = m.start() + shift;
                newScanned = m.end() + shift + delta;
            }
        }
        if (releaseLimit < 0) {
            releaseLimit = boundary + shift;
            newScanned = boundary + shift;
        }
        scannedTo = Math.max(newScanned, 0);
        // A block forwards only the events before the match that caused it.
        return blockLimit >= 0 ? Math.min(releaseLimit, blockLimit) : releaseLimit;
    }

    private boolean rewritesText(Match m) {
        return !policy.monitor() && policy.action(m.detector()) != Action.FLAG;
    }

    /** Records a finding and, for a block, the block; returns whether this match blocks. */
    private boolean record(Match m, String original) {
        Detector d = m.detector();
        Action action = policy.action(d);
        if (d.reports() && found.size() < MAX_FINDINGS) {
            found.add(finding(d, action, original, rewritesText(m)));
        }
        boolean blocks = action == Action.BLOCK && !policy.monitor();
        if (blocks && block == null) {
            block = Block.forbidden("output." + d.kind(), List.of(d.id()));
        }
        return blocks;
    }

    private Finding finding(Detector d, Action action, String original, boolean rewritten) {
        String what = policy.monitor() ? "would " + action.policyName() : policy.audit() && action == Action.REDACT
                ? "passed (audit)" : action.policyName();
        List<String> tags = new ArrayList<>(List.of("output", d.kind()));
        if (rewritten && !policy.audit()) {
            tags.add(Finding.TAG_REDACTED);
        }
        Severity severity = d.kind().equals("pii") ? Severity.MEDIUM : Severity.HIGH;
        return new Finding(policy.stage(), d.id(), severity, d.kind() + " '" + d.name() + "' in the response: " + what,
                target, excerpt(original), severity == Severity.HIGH ? 80 : 50, tags);
    }

    /** At most the first few chars and the length: enough to find the leak, never the secret itself. */
    public static String excerpt(String original) {
        int keep = Math.min(EXCERPT_PREFIX, original.length() / 4);
        return original.substring(0, keep) + "…[" + original.length() + " chars]";
    }

    private void openContinuation(Detector d) {
        contDetector = d;
        contTail = "";
    }

    /**
     * Redacts what follows an open match (the rest of a token, the body of a private key) as it arrives. An open match
     * always runs to the end of the held text, so its continuation starts where the new text starts.
     */
    private void continueOpenMatch(boolean end) {
        if (contDetector == null) {
            return;
        }
        String text = concat();
        int at = Math.min(heldLength, text.length());
        int stop;
        boolean open;
        if (contDetector.continuation() == Detector.Continuation.PEM) {
            // The END line may straddle two arrivals: look for it in the tail of what was already removed, too.
            String window = contTail + text.substring(at);
            java.util.regex.Matcher endLine = PEM_END.matcher(window);
            if (endLine.find()) {
                stop = at + Math.max(0, endLine.end() - contTail.length());
                open = false;
            } else {
                stop = text.length();
                open = !end;
                contTail = window.substring(Math.max(0, window.length() - PEM_TAIL));
            }
        } else {
            stop = at;
            while (stop < text.length() && isTokenChar(text.charAt(stop))) {
                stop++;
            }
            open = !end && stop == text.length();
        }
        if (stop > at) {
            rewrite(at, stop, "");
        }
        if (!open) {
            contDetector = null;
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == '+' || c == '/' || c == '=';
    }

    /** Rewrites held text [from, to) (positions across joined pieces) to {@code replacement}. */
    private void rewrite(int from, int to, String replacement) {
        heldChars += replacement.length() - (to - from);
        int pos = 0;
        boolean placed = false;
        for (Piece p : joined) {
            int len = p.text().length();
            int s = Math.max(from, pos);
            int e = Math.min(to, pos + len);
            if (s < e || (!placed && from == pos + len && from == to)) {
                p.replace(s - pos, e - pos, placed ? "" : replacement);
                placed = true;
            }
            pos += len;
            if (pos >= to && placed) {
                break;
            }
        }
    }

    /** Forwards held events whose generated text lies entirely before {@code limit}. */
    private byte[] release(int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (!pending.isEmpty()) {
            Event e = pending.peekFirst();
            int len = 0;
            for (Piece p : e.pieces()) {
                if (p.joins()) {
                    len += p.text().length();
                }
            }
            if (pos + len > limit) {
                break;
            }
            pending.pollFirst();
            pos += len;
            for (Piece p : e.pieces()) {
                if (p.joins()) {
                    joined.pollFirst();
                }
            }
            out.writeBytes(e.bytes());
        }
        scannedTo = Math.max(0, scannedTo - pos);
        heldChars -= pos;
        heldLength = heldChars;
        return out.toByteArray();
    }

    /** The held generated text as one string. */
    private String concat() {
        if (joined.size() == 1) {
            return joined.peekFirst().text();
        }
        StringBuilder sb = new StringBuilder(heldChars);
        for (Piece p : joined) {
            sb.append(p.text());
        }
        return sb.toString();
    }
}
