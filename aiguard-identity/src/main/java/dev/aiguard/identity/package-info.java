/**
 * The identity stage ({@code type: identity}): API keys stored as salted digests, JWTs verified with jjwt against PEM
 * keys, HMAC secrets or JWKS (file or HTTPS URL), mTLS peers and anonymous access where allowed; then per-identity
 * rules on routes, methods and models. Public API: {@link dev.aiguard.identity.IdentityConfig},
 * {@link dev.aiguard.identity.IdentityStageFactory} and {@link dev.aiguard.identity.ApiKeyDigests}.
 */
package dev.aiguard.identity;
