package dev.aiguard.cli;

import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyException;
import dev.aiguard.egress.WorkloadEgressPolicies;
import dev.aiguard.api.PolicyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code aiguard check POLICY...}: validates policy files or directories; exit 1 listing every error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate policy files (or directories of them) without starting anything. Exit 0 when all are "
                + "valid, 1 with every error listed otherwise.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "POLICY", description = "Policy file or directory.")
    List<Path> policies;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyLoader loader = PolicyLoader.create();
        int invalid = 0;
        for (Path policy : policies) {
            List<String> errors = new ArrayList<>(loader.check(policy).stream().map(PolicyError::toString).toList());
            if (errors.isEmpty()) {
                errors.addAll(egressProblems(loader, policy));
            }
            if (errors.isEmpty()) {
                out.println(policy + ": ok");
            } else {
                invalid++;
                errors.forEach(e -> err.println(e));
                err.println(policy + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? 0 : 1;
    }

    /** The {@code egress:} section is validated by the egress module, once the rest of the policy is valid. */
    private static List<String> egressProblems(PolicyLoader loader, Path policy) {
        try {
            WorkloadEgressPolicies.fromPolicy(loader.load(policy));
            return List.of();
        } catch (IllegalArgumentException e) {
            return e.getMessage().lines().map(line -> policy + ": " + line).toList();
        } catch (PolicyException e) {
            return e.errors().stream().map(PolicyError::toString).toList();
        }
    }
}
