/**
 * Cost-weighted rate limiting: the {@code type: ratelimit} stage reserves an estimated cost at admission, holds
 * in-flight slots, and reconciles with the usage the model reported when the exchange completes. Budgets are Bucket4j
 * buckets, kept locally or in Redis. Internals live in {@code dev.aiguard.ratelimit.internal}.
 */
package dev.aiguard.ratelimit;
