package dev.aiguard.egress;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.Mode;
import dev.aiguard.egress.internal.AddressSource;
import dev.aiguard.egress.internal.CallerLocation;
import dev.aiguard.egress.internal.EgressEvents;
import dev.aiguard.egress.internal.Evaluation;
import dev.aiguard.egress.internal.Host;
import dev.aiguard.egress.internal.HostParser;
import dev.aiguard.egress.internal.IpAddress;
import dev.aiguard.egress.internal.PolicyEvaluator;
import dev.aiguard.egress.internal.ResolutionCache;
import dev.aiguard.egress.internal.Target;
import dev.aiguard.egress.internal.TargetParser;
import dev.aiguard.egress.internal.TargetSyntaxException;
import dev.aiguard.egress.internal.UnsupportedSchemeException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Checks outbound destinations against an {@link EgressPolicy}: parses the URL the way the guarded client will use
 * it, resolves the host once, checks every address, and reports denied and would-deny calls as security events
 * (with the calling code's location). Thread-safe.
 */
public final class EgressGuard {

    /** A checked URL: the decision plus the exact target the decision was made on (null when unparseable). */
    record Checked(EgressDecision decision, Target target) {
    }

    private final EgressPolicy policy;
    private final PolicyEvaluator evaluator;
    private final Resolver resolver;
    private final ResolutionCache cache;
    private final EventSink sink;

    private EgressGuard(Builder b) {
        this.policy = b.policy;
        this.evaluator = new PolicyEvaluator(b.policy);
        this.resolver = b.resolver;
        this.cache = new ResolutionCache(b.cacheTtl.toNanos(), b.maxCacheEntries, b.nanoTime);
        this.sink = b.sink;
    }

    /** A guard with the system resolver and no event sink. */
    public static EgressGuard of(EgressPolicy policy) {
        return builder(policy).build();
    }

    public static Builder builder(EgressPolicy policy) {
        return new Builder(policy);
    }

    public EgressPolicy policy() {
        return policy;
    }

    /** Checks a URL string. Never throws for bad input: malformed URLs are denied with {@link EgressReason#INVALID_URL}. */
    public EgressDecision check(String url) {
        return checkUrl(url).decision();
    }

    /** Checks a URI (its string form goes through the same parser as strings). */
    public EgressDecision check(URI uri) {
        return check(uri.toString());
    }

    /**
     * The guarded resolution path: resolves {@code host} and checks the name and every address (scheme, port and path
     * are unknown here, so rules restricted to them count as matching when allowing, and do not deny).
     *
     * @return the checked addresses
     * @throws EgressDeniedException when the policy (in enforce mode) denies the host
     */
    public List<InetAddress> resolve(String host) throws EgressDeniedException {
        long start = System.nanoTime();
        EgressDecision decision;
        Target target = null;
        try {
            target = Target.hostOnly(HostParser.parse(host));
            decision = decide(host, evaluator.evaluate(target, this::lookup));
        } catch (TargetSyntaxException e) {
            decision = decide(host, new Evaluation(EgressReason.INVALID_URL, e.getMessage(), List.of()));
        }
        report(decision, target == null ? "invalid host" : target.hostHeader(), start);
        if (decision.denied()) {
            throw new EgressDeniedException(decision);
        }
        return decision.addresses();
    }

    Checked checkUrl(String url) {
        long start = System.nanoTime();
        if (policy.mode() == Mode.OFF) {
            return new Checked(new EgressDecision(url, true, EgressReason.ALLOWED, "egress guard is off", Mode.OFF,
                    List.of()), null);
        }
        Target target;
        try {
            target = TargetParser.parse(url);
        } catch (TargetSyntaxException e) {
            EgressDecision d = decide(url, new Evaluation(EgressReason.INVALID_URL, e.getMessage(), List.of()));
            report(d, "invalid URL", start);
            return new Checked(d, null);
        } catch (UnsupportedSchemeException e) {
            EgressDecision d = decide(url, new Evaluation(EgressReason.UNSUPPORTED_SCHEME, e.getMessage(), List.of()));
            report(d, "unsupported scheme", start);
            return new Checked(d, null);
        }
        EgressDecision decision = decide(url, evaluator.evaluate(target, this::lookup));
        report(decision, target.redacted(), start);
        return new Checked(decision, target);
    }

    private List<IpAddress> lookup(String name) throws UnknownHostException {
        AddressSource source = n -> resolver.resolve(n).stream().map(IpAddress::of).toList();
        return cache.get(name, source);
    }

    private EgressDecision decide(String url, Evaluation evaluation) {
        boolean allowed = evaluation.allowed() || policy.mode() != Mode.ENFORCE;
        List<InetAddress> addresses = evaluation.addresses().stream().map(IpAddress::toInetAddress).toList();
        return new EgressDecision(url, allowed, evaluation.reason(), evaluation.detail(), policy.mode(), addresses);
    }

    private void report(EgressDecision decision, String destination, long startNanos) {
        if (sink == null || decision.reason() == EgressReason.ALLOWED) {
            return;
        }
        try {
            sink.publish(EgressEvents.of(decision, destination, CallerLocation.find(), System.nanoTime() - startNanos));
        } catch (RuntimeException e) {
            // A failing sink must not turn a policy decision into an exception in the caller.
        }
    }

    /** Configures a guard. */
    public static final class Builder {

        private final EgressPolicy policy;
        private Resolver resolver = Resolver.system();
        private EventSink sink;
        private Duration cacheTtl = Duration.ofSeconds(30);
        private int maxCacheEntries = 10_000;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(EgressPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Where names are resolved (default: the JVM resolver). */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Receives an event for every denied and would-deny destination. */
        public Builder eventSink(EventSink sink) {
            this.sink = sink;
            return this;
        }

        /** How long resolved addresses are reused (default 30 s; {@link Duration#ZERO} resolves on every check). */
        public Builder cacheTtl(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("cache TTL must not be negative");
            }
            this.cacheTtl = ttl;
            return this;
        }

        /** Bound on cached host names (default 10000). */
        public Builder maxCacheEntries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCacheEntries must be >= 1");
            }
            this.maxCacheEntries = max;
            return this;
        }

        /** Clock for the cache (tests). */
        Builder nanoTime(LongSupplier clock) {
            this.nanoTime = Objects.requireNonNull(clock);
            return this;
        }

        public EgressGuard build() {
            return new EgressGuard(this);
        }
    }
}
