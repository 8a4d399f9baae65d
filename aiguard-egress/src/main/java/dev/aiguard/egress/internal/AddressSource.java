package dev.aiguard.egress.internal;

import java.net.UnknownHostException;
import java.util.List;

/** Where the evaluator gets a name's addresses (the guard's resolver behind its cache). */
@FunctionalInterface
public interface AddressSource {

    /** The addresses of a canonical name; never empty. */
    List<IpAddress> lookup(String name) throws UnknownHostException;
}
