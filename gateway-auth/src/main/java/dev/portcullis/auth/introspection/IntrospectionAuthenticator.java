package dev.portcullis.auth.introspection;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.auth.IdentityProviderCall;
import dev.portcullis.api.auth.IdentityProviderListener;
import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.internal.CappedFetch;
import dev.portcullis.auth.internal.ClaimPath;
import dev.portcullis.auth.internal.Digest;
import dev.portcullis.auth.internal.ExpiringCache;
import dev.portcullis.auth.internal.ProviderCalls;
import dev.portcullis.auth.internal.SingleFlight;
import dev.portcullis.auth.internal.TokenRejection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * Authenticates opaque bearer tokens with OAuth 2.0 token introspection (RFC 7662), asynchronously over the JDK
 * HTTP client. Thread-safe; build once.
 *
 * <p>Active tokens are cached (bounded, SHA-256 of the token) until their {@code exp} or {@link Builder#cacheTtl}
 * (default 60 s), whichever is sooner; inactive ones, and active ones the {@link ClaimsMapping} cannot turn into a
 * principal (no {@code sub}, say), for {@link Builder#negativeCacheTtl} (default 5 s). A revoked token can therefore
 * pass for up to the positive TTL. Concurrent requests with the same uncached token share one introspection call; at
 * most {@link Builder#maxConcurrentCalls} (default 64) calls run at once, and a lookup beyond that answers 503 with
 * {@code Retry-After} without calling the endpoint. An endpoint that fails, answers other than 200, times out or
 * sends more than {@link Builder#maxResponseBytes} yields 503 with {@code Retry-After}; one introspection call takes
 * at most the connect plus the read timeout in all, even when the answer's body stalls.
 *
 * <pre>{@code
 * IntrospectionAuthenticator opaque = IntrospectionAuthenticator
 *     .builder(URI.create("https://sso.example.com/realms/shop/protocol/openid-connect/token/introspect"))
 *     .client("gateway", System.getenv("GATEWAY_CLIENT_SECRET"), IntrospectionAuthenticator.ClientAuth.BASIC)
 *     .build();
 * }</pre>
 */
public final class IntrospectionAuthenticator implements Authenticator {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Answer BUSY = new Answer(null, (AuthResult.Rejected) AuthResult.unavailable(
            "Too many token introspections are in progress.", Duration.ofSeconds(1)));
    private static final Answer INACTIVE = new Answer(null,
            (AuthResult.Rejected) AuthResult.invalidToken("The token is not active."));

    private final URI endpoint;
    private final HttpClient client;
    private final Settings settings;
    private final String clientSecret;
    private final ExpiringCache<Digest, Answer> cache;
    private final SingleFlight<Digest, Answer> lookups = new SingleFlight<>();
    private final Semaphore calls;
    private final ProviderCalls heard;

    private IntrospectionAuthenticator(Builder b) {
        this.endpoint = b.endpoint;
        this.settings = new Settings(b.tokens, b.clock, b.maxResponseBytes, b.negativeCacheTtl, b.cacheTtl,
                b.claimsMapping, java.util.Set.copyOf(b.audiences), b.readTimeout, b.clientAuth, b.clientId);
        this.clientSecret = b.clientSecret;
        this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.cache = new ExpiringCache<>(b.cacheSize);
        this.calls = new Semaphore(b.maxConcurrentCalls);
        this.heard = new ProviderCalls(b.listener, IdentityProviderCall.Kind.INTROSPECTION, provider(b.endpoint));
    }

    /** @return the endpoint without user info, query or fragment: what names the provider in metrics */
    private static String provider(URI endpoint) {
        try {
            return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), endpoint.getPath(),
                    null, null).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("endpoint: " + e.getMessage(), e);
        }
    }

    /** @param endpoint the introspection endpoint @return a builder */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(GatewayRequest request) {
        BearerTokenSource.Extraction found = settings.tokens().extract(request);
        if (found.rejection() != null || found.token() == null) {
            return CompletableFuture.completedFuture(found.rejection() != null ? found.rejection() : AuthResult.abstain());
        }
        Digest digest = Digest.of(found.token());
        Answer cached = cache.get(digest, settings.clock().instant());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached.result(request));
        }
        return lookups.join(digest, () -> lookup(found.token(), digest))
                .thenApply(answer -> answer.result(request));
    }

    /** One introspection call; never fails: an endpoint that cannot be used, or no free call slot, answers 503. */
    private CompletableFuture<Answer> lookup(String token, Digest digest) {
        Instant now = settings.clock().instant();
        Answer cached = cache.get(digest, now);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        if (!calls.tryAcquire()) {
            return CompletableFuture.completedFuture(BUSY);
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = CappedFetch.send(client, introspection(token), settings.maxResponseBytes(),
                    CappedFetch.deadline(client, settings.readTimeout()));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, failure) -> {
            calls.release();
            IdentityProviderCall.Outcome outcome = failure != null ? ProviderCalls.outcomeOf(failure)
                    : IdentityProviderCall.Outcome.ERROR;
            try {
                if (failure != null || response.statusCode() != 200) {
                    throw TokenRejection.unavailable("The token introspection endpoint is not available.", RETRY_AFTER);
                }
                Answer answer = evaluate(response.body(), digest, now);
                outcome = IdentityProviderCall.Outcome.SUCCESS;
                return answer;
            } catch (TokenRejection rejection) {
                return new Answer(null, rejection.result());
            } catch (RuntimeException unusable) {
                return new Answer(null, (AuthResult.Rejected) AuthResult.unavailable(
                        "The token introspection endpoint answered something unusable.", RETRY_AFTER));
            } finally {
                heard.report(start, outcome);
            }
        });
    }

    private Answer evaluate(byte[] body, Digest digest, Instant now) {
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
        } catch (java.text.ParseException e) {
            throw TokenRejection.unavailable("The token introspection endpoint answered malformed JSON.", RETRY_AFTER);
        }
        Instant expires = claims.get("exp") instanceof Number exp ? Instant.ofEpochSecond(Math.max(
                Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), exp.longValue()))) : null;
        boolean active = Boolean.TRUE.equals(claims.get("active")) && (expires == null || now.isBefore(expires))
                && audienceMatches(claims);
        if (!active) {
            return rejected(INACTIVE, digest, now);
        }
        Optional<GatewayPrincipal> mapped = settings.claimsMapping().principal(claims, "introspection",
                claims.get("iss") instanceof String iss ? iss : endpoint.toString());
        if (mapped.isEmpty()) {
            return rejected(new Answer(null, (AuthResult.Rejected) AuthResult.invalidToken(
                    settings.claimsMapping().missingNameReason())), digest, now);
        }
        Answer principal = new Answer(mapped.get(), null);
        Instant until = now.plus(settings.cacheTtl());
        cache.put(digest, principal, expires != null && expires.isBefore(until) ? expires : until, now);
        return principal;
    }

    /** Caches a 401 answer (inactive, or active but not mappable to a principal) for the negative TTL. */
    private Answer rejected(Answer answer, Digest digest, Instant now) {
        cache.put(digest, answer, now.plus(settings.negativeCacheTtl()), now);
        return answer;
    }

    private boolean audienceMatches(Map<String, Object> claims) {
        if (settings.audiences().isEmpty()) {
            return true;
        }
        return ClaimPath.strings(claims.get("aud"), false).stream().anyMatch(settings.audiences()::contains);
    }

    /** What one introspection call concluded, whoever asked: a principal, or a rejection (401 or 503). */
    private record Answer(GatewayPrincipal principal, AuthResult.Rejected rejection) {
        AuthResult result(GatewayRequest request) {
            return principal != null ? AuthResult.authenticated(principal, request) : rejection;
        }
    }

    private HttpRequest introspection(String token) {
        StringBuilder form = new StringBuilder("token=").append(encode(token)).append("&token_type_hint=access_token");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(settings.readTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (settings.clientAuth() == ClientAuth.BASIC) {
            String pair = encode(settings.clientId()) + ':' + encode(clientSecret);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(encode(settings.clientId()))
                    .append("&client_secret=").append(encode(clientSecret));
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public GatewayRequest withoutCredentials(GatewayRequest request) {
        return settings.tokens().withoutTokens(request);
    }

    @Override
    public String toString() {
        return "IntrospectionAuthenticator[" + endpoint + ']';
    }

    private record Settings(BearerTokenSource tokens, Clock clock, int maxResponseBytes, Duration negativeCacheTtl,
                            Duration cacheTtl, ClaimsMapping claimsMapping, java.util.Set<String> audiences,
                            Duration readTimeout, ClientAuth clientAuth, String clientId) {
    }

    /** How the gateway authenticates itself to the introspection endpoint (RFC 6749 section 2.3.1). */
    public enum ClientAuth {
        /** HTTP Basic with the form-encoded client id and secret ({@code client_secret_basic}). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body ({@code client_secret_post}). */
        POST
    }

    /** Collects the settings of an {@link IntrospectionAuthenticator}. Not thread-safe. */
    public static final class Builder {
        private final URI endpoint;
        private String clientId;
        private String clientSecret;
        private ClientAuth clientAuth = ClientAuth.BASIC;
        private BearerTokenSource tokens = BearerTokenSource.authorizationHeader();
        private ClaimsMapping claimsMapping = ClaimsMapping.defaults();
        private List<String> audiences = List.of();
        private Duration cacheTtl = Duration.ofSeconds(60);
        private Duration negativeCacheTtl = Duration.ofSeconds(5);
        private int cacheSize = 10_000;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(3);
        private int maxResponseBytes = 64 * 1024;
        private int maxConcurrentCalls = 64;
        private Clock clock = Clock.systemUTC();
        private IdentityProviderListener listener = IdentityProviderListener.NONE;

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /** @param id client id @param secret client secret @param auth how to send them @return this builder */
        public Builder client(String id, String secret, ClientAuth auth) {
            this.clientId = Objects.requireNonNull(id, "clientId");
            this.clientSecret = Objects.requireNonNull(secret, "clientSecret");
            this.clientAuth = Objects.requireNonNull(auth, "clientAuth");
            return this;
        }

        /** @param source where tokens are read @return this builder */
        public Builder tokenSource(BearerTokenSource source) {
            this.tokens = Objects.requireNonNull(source, "tokenSource");
            return this;
        }

        /** @param mapping how the introspection answer becomes the principal @return this builder */
        public Builder claimsMapping(ClaimsMapping mapping) {
            this.claimsMapping = Objects.requireNonNull(mapping, "claimsMapping");
            return this;
        }

        /** @param values accepted audiences; the answer's {@code aud} must hold one @return this builder */
        public Builder audiences(String... values) {
            this.audiences = List.of(values);
            return this;
        }

        /** @param ttl longest time an active answer is reused, default 60 s @return this builder */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = Objects.requireNonNull(ttl, "cacheTtl");
            return this;
        }

        /** @param ttl time an inactive answer is reused, default 5 s @return this builder */
        public Builder negativeCacheTtl(Duration ttl) {
            this.negativeCacheTtl = Objects.requireNonNull(ttl, "negativeCacheTtl");
            return this;
        }

        /** @param entries most answers cached, default 10000; 0 disables @return this builder */
        public Builder cacheSize(int entries) {
            this.cacheSize = entries;
            return this;
        }

        /** @param connect connect timeout (2 s) @param read response timeout (3 s) @return this builder */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect, "connectTimeout");
            this.readTimeout = Objects.requireNonNull(read, "readTimeout");
            return this;
        }

        /** @param bytes largest introspection answer accepted, default 64 KiB @return this builder */
        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * @param calls most introspection calls in flight at once, default 64; a lookup beyond it answers 503 with
         *     {@code Retry-After} without calling the endpoint
         * @return this builder
         */
        public Builder maxConcurrentCalls(int calls) {
            this.maxConcurrentCalls = calls;
            return this;
        }

        /** @param clock time source for expiry and caching @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param listener hears every introspection call (provider: the endpoint without user info or query), e.g. to
         *     count and time them as metrics; default none. Answers from the cache and lookups refused for want of a
         *     free call slot are not calls
         * @return this builder
         */
        public Builder listener(IdentityProviderListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the authenticator @throws IllegalArgumentException naming a bad setting */
        public IntrospectionAuthenticator build() {
            if (clientId == null) {
                throw new IllegalArgumentException("client: the introspection endpoint needs a client id and secret");
            }
            if (!List.of("http", "https").contains(String.valueOf(endpoint.getScheme()))) {
                throw new IllegalArgumentException("endpoint must be an http or https URI: " + endpoint);
            }
            for (Duration d : List.of(cacheTtl, connectTimeout, readTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("cacheTtl and timeouts must be positive");
                }
            }
            if (negativeCacheTtl.isNegative() || cacheSize < 0 || maxResponseBytes < 64) {
                throw new IllegalArgumentException("negativeCacheTtl, cacheSize must not be negative; "
                        + "maxResponseBytes must be at least 64");
            }
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls must be at least 1: " + maxConcurrentCalls);
            }
            return new IntrospectionAuthenticator(this);
        }
    }
}
