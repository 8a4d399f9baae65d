package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.Bucket;

/**
 * Units taken from one bucket at admission.
 *
 * @param limit    the limit
 * @param bucket   the bucket charged
 * @param reserved units taken
 */
public record Charge(CompiledLimit limit, Bucket bucket, long reserved) {
}
