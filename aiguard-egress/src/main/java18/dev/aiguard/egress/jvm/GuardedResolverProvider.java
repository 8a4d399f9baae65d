package dev.aiguard.egress.jvm;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/** The JEP 418 service: wraps the JDK's built-in resolver with the policy {@link JvmWideEgress} installs. */
public final class GuardedResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        JvmWideEgress.markProviderActive();
        return new GuardedResolver(configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "aiguard-egress";
    }
}
