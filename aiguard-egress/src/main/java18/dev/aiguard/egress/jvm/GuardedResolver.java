package dev.aiguard.egress.jvm;

import dev.aiguard.egress.EgressDeniedException;
import dev.aiguard.egress.EgressGuard;
import dev.aiguard.egress.Resolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks every name lookup against the installed policy, answering only checked addresses. Reverse lookups and
 * lookups made while a check is running on the same thread (e.g. by an event sink) go to the built-in resolver.
 */
final class GuardedResolver implements InetAddressResolver {

    private final InetAddressResolver builtin;
    private final Resolver builtinForGuard;
    private final ThreadLocal<Boolean> checking = ThreadLocal.withInitial(() -> false);
    private volatile Active active;

    /** The guard built for the currently installed policy. */
    private record Active(JvmWideEgress.Installed installed, EgressGuard guard) {
    }

    GuardedResolver(InetAddressResolver builtin) {
        this.builtin = builtin;
        this.builtinForGuard = host -> builtin.lookupByName(host, LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6))
                .toList();
    }

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        JvmWideEgress.Installed installed = JvmWideEgress.installed();
        if (installed == null || checking.get()) {
            return builtin.lookupByName(host, policy);
        }
        checking.set(true);
        try {
            List<InetAddress> checked = guard(installed).resolve(host);
            List<InetAddress> usable = checked.stream().filter(a -> wanted(a, policy.characteristics()))
                    .sorted(order(policy.characteristics())).toList();
            if (usable.isEmpty()) {
                throw new UnknownHostException(host + ": no checked address of the requested family");
            }
            return usable.stream();
        } catch (EgressDeniedException e) {
            throw new UnknownHostException(host + ": " + e.getMessage());
        } finally {
            checking.set(false);
        }
    }

    @Override
    public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
    }

    private EgressGuard guard(JvmWideEgress.Installed installed) {
        Active current = active;
        if (current == null || current.installed() != installed) {
            current = new Active(installed, installed.guardFactory().apply(builtinForGuard));
            active = current;
        }
        return current.guard();
    }

    private static boolean wanted(InetAddress a, int characteristics) {
        boolean v4 = (characteristics & LookupPolicy.IPV4) != 0;
        boolean v6 = (characteristics & LookupPolicy.IPV6) != 0;
        return a instanceof Inet4Address ? v4 : !(a instanceof Inet6Address) || v6;
    }

    private static Comparator<InetAddress> order(int characteristics) {
        if ((characteristics & LookupPolicy.IPV4_FIRST) != 0) {
            return Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1);
        }
        if ((characteristics & LookupPolicy.IPV6_FIRST) != 0) {
            return Comparator.comparingInt(a -> a instanceof Inet6Address ? 0 : 1);
        }
        return (a, b) -> 0;
    }
}
