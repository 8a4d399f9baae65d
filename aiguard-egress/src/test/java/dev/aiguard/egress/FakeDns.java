package dev.aiguard.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver the test controls: each name has a sequence of answers (the last one repeats), so a test can make a
 * name answer "public" first and "private" afterwards. Counts lookups. Never touches the network.
 */
final class FakeDns implements Resolver {

    private final Map<String, Deque<List<String>>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Adds answers for {@code name}, consumed in order; the last repeats forever. */
    FakeDns answer(String name, List<String>... sequence) {
        answers.computeIfAbsent(name, n -> new ArrayDeque<>()).addAll(List.of(sequence));
        return this;
    }

    FakeDns answer(String name, String address) {
        return answer(name, List.of(address));
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        Deque<List<String>> queue = answers.get(host);
        if (queue == null || queue.isEmpty()) {
            throw new UnknownHostException(host);
        }
        List<String> answer = queue.size() > 1 ? queue.poll() : queue.peek();
        return literals(answer);
    }

    static List<InetAddress> literals(List<String> addresses) throws UnknownHostException {
        InetAddress[] out = new InetAddress[addresses.size()];
        for (int i = 0; i < out.length; i++) {
            // getByName on a literal never performs a lookup.
            out[i] = InetAddress.getByName(addresses.get(i));
        }
        return List.of(out);
    }
}
