package dev.aiguard.identity.internal.jwt;

import dev.aiguard.identity.IdentityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keys from a JWKS HTTPS endpoint, with caching, rotation and backoff:
 * <ul>
 *   <li>the key set is cached and refreshed in the background once it is older than {@code refreshInterval}
 *       (requests keep using the cached keys meanwhile);</li>
 *   <li>a token naming an unknown {@code kid} triggers a refetch (the issuer may have rotated) and waits for it, at
 *       most {@code timeout}; fetches start at most once per {@code minRefetchInterval}, so tokens with made-up key ids
 *       cannot make the stage hammer the endpoint;</li>
 *   <li>after a failed fetch the next one waits {@code minRefetchInterval * 2^failures}, capped at
 *       {@code maxBackoff}; the last good keys stay in use.</li>
 * </ul>
 * Concurrent requests share one fetch in flight. No thread of its own: fetches run on the HTTP client's executor.
 */
public final class RemoteJwks implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    /** Largest JWKS document accepted. */
    static final int MAX_BYTES = 512 * 1024;

    private final URI uri;
    private final HttpClient client;
    private final IdentityConfig.JwksUrl config;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(List.of(), null);
    /* Guarded by this. */
    private Instant lastAttempt;
    private int failures;
    private CompletableFuture<Void> inFlight;

    private RemoteJwks(IdentityConfig.JwksUrl config, SSLContext sslContext, Clock clock) {
        this.uri = URI.create(config.url());
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .sslContext(sslContext)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Creates the source and waits (at most the timeout) for the first fetch; a failed first fetch is retried later. */
    public static RemoteJwks start(IdentityConfig.JwksUrl config, SSLContext sslContext, Clock clock) {
        RemoteJwks jwks = new RemoteJwks(config, sslContext, clock);
        jwks.await(jwks.startFetchIfAllowed());
        return jwks;
    }

    @Override
    public List<VerificationKey> byKid(String kid) {
        refreshIfStale();
        List<VerificationKey> found = snapshot.byKid(kid);
        if (!found.isEmpty()) {
            return found;
        }
        // Wait for a fetch if one starts or is running; either way read the keys again, since a fetch may have
        // finished between the first look and now.
        await(startFetchIfAllowed());
        return snapshot.byKid(kid);
    }

    @Override
    public List<VerificationKey> all() {
        refreshIfStale();
        return snapshot.keys();
    }

    /** When the current keys were fetched, or {@code null} if never. */
    public Instant fetchedAt() {
        return snapshot.fetchedAt();
    }

    /** Number of consecutive failed fetches. */
    public synchronized int failures() {
        return failures;
    }

    private void refreshIfStale() {
        Instant fetched = snapshot.fetchedAt();
        if (fetched == null || !clock.instant().isBefore(fetched.plus(config.refreshInterval()))) {
            startFetchIfAllowed();
        }
    }

    /** Starts a fetch unless one is running or the rate limit / backoff says wait; returns the fetch or null. */
    private synchronized CompletableFuture<Void> startFetchIfAllowed() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(delay()))) {
            return null;
        }
        lastAttempt = now;
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight = done;
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .thenApply(this::parse)
                    .whenComplete((keys, error) -> {
                        finish(keys, error);
                        done.complete(null);
                    });
        } catch (RuntimeException e) {
            finish(null, e);
            done.complete(null);
        }
        return done;
    }

    private Duration delay() {
        if (failures == 0) {
            return config.minRefetchInterval();
        }
        Duration backoff = config.minRefetchInterval().multipliedBy(1L << Math.min(failures, 20));
        return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
    }

    private List<VerificationKey> parse(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalStateException("JWKS larger than " + MAX_BYTES + " bytes");
            }
            List<VerificationKey> keys = JwksParser.parse(new String(bytes, StandardCharsets.UTF_8), uri.toString());
            if (keys.isEmpty()) {
                throw new IllegalStateException("JWKS has no usable signing key");
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("reading the JWKS failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private synchronized void finish(List<VerificationKey> keys, Throwable error) {
        inFlight = null;
        if (error == null) {
            failures = 0;
            snapshot = new Snapshot(keys, clock.instant());
            return;
        }
        failures++;
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        LOG.warn("AIGuard JWKS fetch from {} failed ({} in a row, next try in {}s): {}", uri, failures,
                delay().toSeconds(), cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
    }

    private void await(CompletableFuture<Void> fetch) {
        if (fetch == null) {
            return;
        }
        try {
            fetch.get(config.timeout().toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The fetch reports its own failure; the caller goes on with the keys it has.
        }
    }

    private record Snapshot(List<VerificationKey> keys, Instant fetchedAt) {
        List<VerificationKey> byKid(String kid) {
            List<VerificationKey> found = new ArrayList<>(1);
            for (VerificationKey key : keys) {
                if (kid.equals(key.kid())) {
                    found.add(key);
                }
            }
            return found;
        }
    }
}
