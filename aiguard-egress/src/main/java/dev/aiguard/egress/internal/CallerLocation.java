package dev.aiguard.egress.internal;

import java.util.Optional;

/** Finds the application code that asked for an outbound call: the first stack frame outside AIGuard egress and the JDK. */
public final class CallerLocation {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallerLocation() {
    }

    /** {@code com.example.Tool.fetch(Tool.java:42)}, or {@code unknown}. */
    public static String find() {
        Optional<String> frame = WALKER.walk(frames -> frames
                .filter(f -> !isLibrary(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")"));
        return frame.orElse("unknown");
    }

    private static boolean isLibrary(String className) {
        return className.startsWith("dev.aiguard.egress.internal.")
                || isClass(className, "dev.aiguard.egress.jvm.GuardedResolver")
                || isClass(className, "dev.aiguard.egress.jvm.GuardedResolverProvider")
                || isClass(className, "dev.aiguard.egress.jvm.JvmWideEgress")
                || isClass(className, "dev.aiguard.egress.EgressGuard")
                || isClass(className, "dev.aiguard.egress.GuardedHttpClient")
                || isClass(className, "dev.aiguard.egress.EgressCheckMain")
                || className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    private static boolean isClass(String className, String library) {
        return className.equals(library) || className.startsWith(library + "$");
    }
}
