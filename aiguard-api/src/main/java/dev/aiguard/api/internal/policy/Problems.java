package dev.aiguard.api.internal.policy;

import dev.aiguard.api.PolicyError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects policy errors; the loader reports all of them at once, ordered by file, line and column. */
public final class Problems {

    private static final Comparator<PolicyError> ORDER = Comparator.comparing(PolicyError::file)
            .thenComparingInt(PolicyError::line)
            .thenComparingInt(PolicyError::column);

    private final List<PolicyError> errors = new ArrayList<>();

    public void add(Location at, String path, String message) {
        errors.add(new PolicyError(at.file(), at.line(), at.column(), path, message));
    }

    /** A problem about a node, reported at the node. */
    public void add(Node node, String message) {
        add(node.location(), node.path(), message);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int size() {
        return errors.size();
    }

    /** The errors so far, sorted (stable: errors at the same place keep the order they were found in). */
    public List<PolicyError> sorted() {
        List<PolicyError> out = new ArrayList<>(errors);
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
