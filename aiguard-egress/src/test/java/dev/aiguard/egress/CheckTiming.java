package dev.aiguard.egress;

import java.util.List;

/**
 * A plain timing loop for the cached allow decision (the JMH benchmark lives in the benchmarks module). Run with the
 * test class path: {@code java -cp ... dev.aiguard.egress.CheckTiming}.
 */
final class CheckTiming {

    private CheckTiming() {
    }

    public static void main(String[] args) {
        FakeDns dns = new FakeDns().answer("api.openai.com", List.of("104.18.7.192", "104.18.6.192"));
        EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().enforce()
                        .allow(EgressRule.host("api.openai.com").schemes("https").ports(443).pathPrefix("/v1/"))
                        .allow(EgressRule.host("*.pinecone.io"), EgressRule.cidr("10.20.0.0/16").ports(6333))
                        .deny(EgressRule.host("uploads.pinecone.io"))
                        .build())
                .resolver(dns).build();
        String[] urls = {
                "https://api.openai.com/v1/chat/completions",
                "http://10.20.0.5:6333/collections/docs/points/search",
                "http://169.254.169.254/latest/meta-data/",
                "http://0x7f.1/"};
        for (String url : urls) {
            measure(guard, url);
        }
    }

    private static void measure(EgressGuard guard, String url) {
        int sink = 0;
        for (int i = 0; i < 300_000; i++) {
            sink += guard.check(url).reason().ordinal();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            int n = 500_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += guard.check(url).reason().ordinal();
            }
            best = Math.min(best, (System.nanoTime() - start) / n);
        }
        System.out.printf("%-55s %s  best of 5 x 500k: %d ns/check (%d)%n", url, guard.check(url).reason().code(),
                best, sink & 1);
    }
}
