package dev.aiguard.api;

/** Collects validation problems of a stage's configuration, each tied to a key path. */
public interface ConfigProblems {

    /**
     * Reports one problem.
     *
     * @param path    path relative to the stage, e.g. {@code limits[0].tokens}
     * @param message what is wrong, e.g. {@code must be > 0}
     */
    void add(String path, String message);

    /** Reports a problem when {@code ok} is false. */
    default void require(boolean ok, String path, String message) {
        if (!ok) {
            add(path, message);
        }
    }
}
