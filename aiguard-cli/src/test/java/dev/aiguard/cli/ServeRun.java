package dev.aiguard.cli;

import dev.aiguard.cli.internal.serve.DemoExamples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@code aiguard serve} in-process on a background thread; closing it stops the server and waits for the exit. */
final class ServeRun implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ServeCommand serve;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ServeRun(Map<String, String> environment, String... args) {
        var cli = AiguardCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        serve = cli.getSubcommands().get("serve").getCommand();
        if (environment != null) {
            serve.environment = environment::get;
        }
        Thread thread = new Thread(() -> {
            try {
                exit.complete(cli.execute(args));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "serve-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code aiguard serve ARGS} and waits until it listens. */
    static ServeRun start(String... args) throws Exception {
        return start(null, args);
    }

    /** Starts {@code aiguard serve ARGS} with a fixed environment (null: the process's) and waits until it listens. */
    static ServeRun start(Map<String, String> environment, String... args) throws Exception {
        ServeRun run = new ServeRun(environment, args);
        try {
            run.serve.started.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("serve did not start (exit " + run.exit.getNow(null) + "): " + run.err(), e);
        }
        return run;
    }

    URI uri() {
        return serve.started.join();
    }

    /** The console's admin token (null when the console is off). */
    String adminToken() {
        return serve.adminToken;
    }

    /** The console's URL (null when the console is off). */
    URI consoleUri() {
        return serve.consoleUri;
    }

    List<DemoExamples.Example> examples() {
        return serve.examples;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Stops the server and returns the command's exit code. */
    int stop() throws ExecutionException, InterruptedException {
        serve.stop();
        try {
            return exit.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("serve did not stop", e);
        }
    }

    @Override
    public void close() throws ExecutionException {
        if (!exit.isDone()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
