package dev.portcullis.auth.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.portcullis.api.LogSafe;
import dev.portcullis.api.auth.IdentityProviderCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's keys from its JWKS URL. Thread-safe.
 *
 * <ul>
 *   <li>The key set is fetched on first use and kept for the response's {@code Cache-Control: max-age} (clamped to
 *       1 minute .. 1 day) or the configured TTL; within {@code refreshAhead} of expiry one background refetch
 *       runs while requests keep using the current keys.</li>
 *   <li>At most one fetch runs at a time, and fetches start at most once per {@code minRefetchInterval}: a flood
 *       of tokens naming unknown keys, or an identity provider that is down, costs a bounded number of fetches.
 *       An unknown key id refetches unless another unknown key id already did within that interval (the initial
 *       and scheduled fetches do not count), so a newly published key is accepted on its first use.</li>
 *   <li>A fetch takes at most the connect timeout plus the read timeout in all, body included: a key set whose
 *       body stalls fails the fetch like an unreachable endpoint, and the next allowed fetch starts afresh.</li>
 *   <li>When a refetch fails the current keys stay in use until {@code maxStale} after their expiry; with no
 *       usable keys a request is answered 503 with {@code Retry-After}.</li>
 * </ul>
 */
public final class JwksCache implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age=(\\d{1,9})");
    private static final Duration MIN_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private final URI uri;
    private final HttpClient client;
    private final Settings settings;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;
    private final ProviderCalls calls;
    private volatile Snapshot snapshot;
    private Instant lastAttempt = Instant.MIN;
    private Instant lastOnDemand = Instant.MIN;
    private CompletableFuture<KeyRing> inFlight;

    /**
     * The timing and size limits of a JWKS cache.
     *
     * @param ttl how long keys are kept when the response has no {@code max-age}
     * @param refreshAhead how long before expiry a background refetch starts
     * @param minRefetchInterval the least time between two fetches
     * @param maxStale how long expired keys stay in use while refetches fail
     * @param readTimeout how long to wait for the response
     * @param maxBytes the largest key set accepted
     */
    public record Settings(Duration ttl, Duration refreshAhead, Duration minRefetchInterval, Duration maxStale,
                           Duration readTimeout, int maxBytes) {
    }

    /**
     * @param uri the JWKS URL
     * @param client the HTTP client (holding the connect timeout)
     * @param settings limits
     * @param algorithms the issuer's allowed algorithms
     * @param clock the time source
     * @param calls hears every fetch
     */
    public JwksCache(URI uri, HttpClient client, Settings settings, Set<JWSAlgorithm> algorithms, Clock clock,
                     ProviderCalls calls) {
        this.uri = uri;
        this.client = client;
        this.settings = settings;
        this.algorithms = Set.copyOf(algorithms);
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public CompletionStage<KeyRing> current() {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current != null && now.isBefore(current.expires().plus(settings.maxStale()))) {
            if (!now.isBefore(current.expires().minus(settings.refreshAhead()))) {
                fetchIfAllowed(now, false);
            }
            return CompletableFuture.completedFuture(current.ring());
        }
        CompletableFuture<KeyRing> fetch = fetchIfAllowed(now, false);
        return fetch != null ? fetch : CompletableFuture.failedFuture(unavailable());
    }

    @Override
    public CompletionStage<KeyRing> refreshForUnknownKey() {
        CompletableFuture<KeyRing> fetch = fetchIfAllowed(clock.instant(), true);
        if (fetch == null) {
            return current();
        }
        return fetch.handle((ring, failure) -> ring != null ? ring : usableOrThrow());
    }

    private KeyRing usableOrThrow() {
        Snapshot current = snapshot;
        if (current == null || !clock.instant().isBefore(current.expires().plus(settings.maxStale()))) {
            throw unavailable();
        }
        return current.ring();
    }

    /**
     * Starts a fetch unless one runs or one of the same kind started within the minimum interval: an on-demand
     * fetch (for an unknown key id) is throttled only by earlier on-demand fetches, so a key published just after
     * the initial or a scheduled fetch is found on its first use; initial and scheduled fetches by any fetch.
     */
    private synchronized CompletableFuture<KeyRing> fetchIfAllowed(Instant now, boolean onDemand) {
        if (inFlight != null) {
            return inFlight;
        }
        Instant last = onDemand ? lastOnDemand : lastAttempt;
        if (now.isBefore(last.plus(settings.minRefetchInterval()))) {
            return null;
        }
        lastAttempt = now;
        if (onDemand) {
            lastOnDemand = now;
        }
        CompletableFuture<KeyRing> fetch = fetch();
        inFlight = fetch;
        fetch.whenComplete((ring, failure) -> done(fetch));
        return fetch;
    }

    private synchronized void done(CompletableFuture<KeyRing> fetch) {
        if (inFlight == fetch) {
            inFlight = null;
        }
    }

    private CompletableFuture<KeyRing> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout())
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = CappedFetch.send(client, request, settings.maxBytes(),
                    CappedFetch.deadline(client, settings.readTimeout()));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((answer, failure) -> {
            IdentityProviderCall.Outcome outcome = failure != null ? ProviderCalls.outcomeOf(failure)
                    : IdentityProviderCall.Outcome.ERROR;
            try {
                if (failure != null) {
                    throw new java.io.IOException(failure.getMessage(), failure);
                }
                if (answer.statusCode() != 200) {
                    throw new java.io.IOException("status " + answer.statusCode());
                }
                KeyRing ring = KeyRing.of(JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8)), algorithms);
                Instant now = clock.instant();
                snapshot = new Snapshot(ring, now.plus(ttl(answer)));
                LOG.debug("Loaded {} verification keys from {}", ring.size(), uri);
                outcome = IdentityProviderCall.Outcome.SUCCESS;
                return ring;
            } catch (java.io.IOException | java.text.ParseException e) {
                LOG.warn("Could not load the JWKS from {}: {}", uri, LogSafe.value(e.getMessage()));
                throw unavailable();
            } finally {
                calls.report(start, outcome);
            }
        });
    }

    private Duration ttl(HttpResponse<?> answer) {
        Matcher maxAge = MAX_AGE.matcher(answer.headers().firstValue("Cache-Control").orElse(""));
        if (!maxAge.find()) {
            return settings.ttl();
        }
        Duration declared = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        return declared.compareTo(MIN_TTL) < 0 ? MIN_TTL : declared.compareTo(MAX_TTL) > 0 ? MAX_TTL : declared;
    }

    private TokenRejection unavailable() {
        return TokenRejection.unavailable("The identity provider's signing keys are not available.",
                settings.minRefetchInterval());
    }

    private record Snapshot(KeyRing ring, Instant expires) {
    }
}
