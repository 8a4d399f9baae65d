package dev.aiguard.waf.internal.operator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code @ipMatch}: the value is an IP address inside one of a comma-separated list of addresses and
 * CIDR networks (IPv4 and IPv6). A value that is not an IP address does not match.
 */
final class IpMatchOperator implements Operator {

    private final List<IpNetwork> networks;

    private IpMatchOperator(List<IpNetwork> networks) {
        this.networks = networks;
    }

    /** @throws IllegalArgumentException when the list is empty or holds something that is not an address */
    static IpMatchOperator parse(String argument) {
        List<IpNetwork> networks = new ArrayList<>();
        for (String item : argument.split(",")) {
            if (!item.isBlank()) {
                networks.add(IpNetwork.parse(item));
            }
        }
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("@ipMatch needs at least one IP address or CIDR");
        }
        return new IpMatchOperator(List.copyOf(networks));
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        byte[] address = IpAddresses.parse(value);
        if (address == null) {
            return false;
        }
        for (IpNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
