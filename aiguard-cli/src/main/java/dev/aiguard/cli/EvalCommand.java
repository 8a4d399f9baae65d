package dev.aiguard.cli;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.cli.internal.eval.PolicyFalseBlocks;
import dev.aiguard.llm.internal.detect.PromptDetector;
import dev.aiguard.llm.internal.detect.PromptModel;
import dev.aiguard.llm.internal.train.Corpus;
import dev.aiguard.llm.internal.train.Evaluation;
import dev.aiguard.llm.internal.train.LabeledText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code aiguard eval}: measures the prompt-injection detector on a labelled corpus (precision, recall and
 * false-positive rate per category) and the false-block rate of a whole policy on benign recorded requests.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the prompt detector on a labelled corpus (prompt_*.jsonl: precision, recall, FP rate per "
                + "category) and/or a whole policy's false-block rate on benign recorded requests (JSON Lines).")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Directory with prompt_attacks.jsonl and prompt_benign.jsonl.")
    Path corpus;

    @Option(names = "--split", defaultValue = "heldout", paramLabel = "S",
            description = "Corpus part to score: heldout (never trained on; default), training or all.")
    String split;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "T",
            description = "Score at or above which a text counts as flagged (default 0.5, the user threshold).")
    double threshold;

    @Option(names = "--policy", paramLabel = "P", description = "Policy file or directory for --requests.")
    Path policy;

    @Option(names = "--requests", paramLabel = "FILE.jsonl",
            description = "Benign recorded requests, e.g. ../shared/bench/chat-benign-dev.jsonl.")
    Path requests;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (corpus == null && requests == null) {
            err.println("eval: give --corpus DIR, --policy P --requests FILE, or both");
            return 2;
        }
        if (requests != null && policy == null) {
            err.println("eval: --requests needs --policy");
            return 2;
        }
        if (corpus != null) {
            int code = evaluateCorpus(out, err);
            if (code != 0) {
                return code;
            }
        }
        return requests == null ? 0 : evaluatePolicy(out, err);
    }

    private int evaluateCorpus(PrintWriter out, PrintWriter err) throws IOException {
        if (!Files.isReadable(corpus.resolve("prompt_attacks.jsonl")) || !Files.isReadable(corpus.resolve("prompt_benign.jsonl"))) {
            err.println("eval: " + corpus + " has no prompt_attacks.jsonl and prompt_benign.jsonl");
            return 2;
        }
        List<LabeledText> all = Corpus.load(corpus);
        List<LabeledText> texts = switch (split.toLowerCase(Locale.ROOT)) {
            case "heldout" -> Corpus.heldOut(all);
            case "training" -> Corpus.training(all);
            case "all" -> all;
            default -> null;
        };
        if (texts == null) {
            err.println("eval: --split must be heldout, training or all");
            return 2;
        }
        PromptDetector detector = new PromptDetector(PromptModel.loadDefault());
        Evaluation e = Evaluation.of(texts, t -> detector.detect(t).score(), threshold);
        out.print(e.report("prompt detector, " + split + " split (" + texts.size() + " texts, scored as user text)"));
        out.flush();
        return 0;
    }

    private int evaluatePolicy(PrintWriter out, PrintWriter err) throws IOException {
        if (!Files.isReadable(requests)) {
            err.println("eval: cannot read " + requests);
            return 2;
        }
        Guard guard;
        try {
            guard = Guard.create(PolicyLoader.create().load(policy).toGuardConfig());
        } catch (PolicyException e) {
            e.errors().forEach(err::println);
            err.flush();
            return 2;
        }
        try (guard; BufferedReader in = Files.newBufferedReader(requests, StandardCharsets.UTF_8)) {
            PolicyFalseBlocks result = PolicyFalseBlocks.run(guard, in);
            out.print(result.report("policy " + policy.getFileName() + " on " + requests.getFileName()));
            out.flush();
            return 0;
        }
    }
}
