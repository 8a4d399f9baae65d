package dev.aiguard.egress.jvm;

import dev.aiguard.api.EventSink;
import dev.aiguard.egress.EgressGuard;
import dev.aiguard.egress.EgressPolicy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * JDK 18+ only: applies an egress policy to every host name lookup in the JVM (JEP 418), whoever makes it: any HTTP
 * client, JDBC driver or SDK. The AIGuard resolver provider is registered through {@code META-INF/services}; until
 * {@link #install} is called it passes every lookup to the JDK's built-in resolver unchanged.
 *
 * <p>Denied names fail with {@link java.net.UnknownHostException} ("egress denied (...)"). Only names are covered:
 * IP literals never reach a resolver, and the JDK caches answers (positive 30 s, negative 10 s by default), so a
 * policy change can take that long to show for names already looked up.
 *
 * <p>This class holds JVM-wide state on purpose: the JDK's resolver is itself a JVM-wide singleton.
 */
public final class JvmWideEgress {

    /** How the resolver gets its guard: from the JDK's built-in resolver, or a guard given as is. */
    record Installed(Function<dev.aiguard.egress.Resolver, EgressGuard> guardFactory) {
    }

    private static final AtomicReference<Installed> INSTALLED = new AtomicReference<>();
    private static final AtomicReference<Boolean> PROVIDER_ACTIVE = new AtomicReference<>(false);

    private JvmWideEgress() {
    }

    /**
     * Applies {@code policy} to every lookup; names are resolved by the JDK's built-in resolver.
     *
     * @param sink receives denied and would-deny events, or {@code null}
     */
    public static void install(EgressPolicy policy, EventSink sink) {
        Objects.requireNonNull(policy, "policy");
        INSTALLED.set(new Installed(builtin -> EgressGuard.builder(policy).resolver(builtin).eventSink(sink).build()));
    }

    /**
     * Applies a ready guard. Its resolver must not call {@link java.net.InetAddress} lookups (they would come back
     * here; such nested lookups go to the built-in resolver unchecked).
     */
    public static void install(EgressGuard guard) {
        Objects.requireNonNull(guard, "guard");
        INSTALLED.set(new Installed(builtin -> guard));
    }

    /** Stops checking; lookups go to the built-in resolver again. */
    public static void uninstall() {
        INSTALLED.set(null);
    }

    /** True when the JVM uses the AIGuard resolver (it was on the class path when the first lookup happened). */
    public static boolean providerActive() {
        return PROVIDER_ACTIVE.get();
    }

    static Installed installed() {
        return INSTALLED.get();
    }

    static void markProviderActive() {
        PROVIDER_ACTIVE.set(true);
    }
}
