package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Doc;
import java.time.Duration;

/**
 * How an issuer's JWKS URL is fetched and cached.
 *
 * <pre>{@code
 * jwks: {timeouts: {connect: 2s, read: 3s}, cacheTtl: 5m, minRefetchInterval: 30s}
 * }</pre>
 *
 * @param timeouts connect and read timeouts
 * @param cacheTtl how long keys are kept
 * @param minRefetchInterval least time between two fetches
 * @param maxStale how long expired keys serve
 * @param maxSize the largest JWKS response
 */
@Doc("JWKS fetching and caching.")
public record JwksModel(
        @Doc("Connect and read timeouts of a fetch, default 2s and 3s.") TimeoutPairModel timeouts,
        @Doc("How long keys are kept without a max-age, default 5m.") Duration cacheTtl,
        @Doc("Least time between two fetches, default 30s.") Duration minRefetchInterval,
        @Doc("How long expired keys serve while the JWKS is unreachable, default 1h.") Duration maxStale,
        @Doc("The largest JWKS response accepted, default 256KiB.") ByteSize maxSize) {
}
