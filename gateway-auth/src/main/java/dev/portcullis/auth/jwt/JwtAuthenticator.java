package dev.portcullis.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.internal.CompactJws;
import dev.portcullis.auth.internal.Digest;
import dev.portcullis.auth.internal.ExpiringCache;
import dev.portcullis.auth.internal.TokenRejection;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates signed JWT bearer tokens (JWS, compact form) from one or more {@link JwtIssuer}s with Nimbus
 * JOSE+JWT. Thread-safe; build once.
 *
 * <p>The token's {@code iss} picks the issuer (exactly, unknown issuers are rejected); that issuer's algorithm
 * allow-list, keys and claim rules decide. No token: abstain. Any failure: {@code invalid_token} (401). Keys not
 * obtainable: 503 with {@code Retry-After}. Verified tokens are cached (SHA-256 of the token, bounded, until the
 * token's {@code exp} and at most 10 minutes), so a token seen again skips parsing and the signature check. A cached
 * verification is bound to the key that made it (key id, algorithm, key material): once a JWKS refresh removes that
 * key, the token is verified again and refused; a refresh that keeps the key keeps the cache hit.
 *
 * <pre>{@code
 * JwtAuthenticator jwt = JwtAuthenticator.builder()
 *     .issuer(JwtIssuer.builder("https://example.eu.auth0.com/")
 *         .jwksUri(URI.create("https://example.eu.auth0.com/.well-known/jwks.json"))
 *         .audiences("https://api.example.com")
 *         .build())
 *     .build();
 * Interceptor authentication = Authentication.interceptor(jwt);
 * }</pre>
 */
public final class JwtAuthenticator implements Authenticator {
    private static final Duration MAX_CACHE_TIME = Duration.ofMinutes(10);

    private final Map<String, JwtVerification> issuers;
    private final BearerTokenSource tokens;
    private final ExpiringCache<Digest, Cached> verified;
    private final Clock clock;
    private final boolean passOpaqueTokens;

    private JwtAuthenticator(Builder b) {
        Map<String, JwtVerification> byIssuer = new LinkedHashMap<>();
        b.issuers.forEach((iss, issuer) -> byIssuer.put(iss, new JwtVerification(issuer, b.clock)));
        this.issuers = Map.copyOf(byIssuer);
        this.tokens = b.tokens;
        this.verified = new ExpiringCache<>(b.cacheSize);
        this.clock = b.clock;
        this.passOpaqueTokens = b.passOpaqueTokens;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<AuthResult> authenticate(GatewayRequest request) {
        Objects.requireNonNull(request, "request");
        BearerTokenSource.Extraction found = tokens.extract(request);
        if (found.rejection() != null) {
            return CompletableFuture.completedFuture(found.rejection());
        }
        if (found.token() == null) {
            return CompletableFuture.completedFuture(AuthResult.abstain());
        }
        Instant now = clock.instant();
        Digest digest = Digest.of(found.token());
        Cached hit = verified.get(digest, now);
        if (hit != null && !now.isBefore(hit.verified().validFrom()) && hit.issuer().stillCurrent(hit.verified())) {
            return CompletableFuture.completedFuture(AuthResult.authenticated(hit.verified().principal(), request));
        }
        if (!CompactJws.isCanonical(found.token())) {
            boolean opaque = found.token().chars().filter(c -> c == '.').count() != 2;
            return CompletableFuture.completedFuture(passOpaqueTokens && opaque
                    ? AuthResult.abstain() : AuthResult.invalidToken("The token is not a well-formed signed JWT."));
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(found.token());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(AuthResult.invalidToken("The token is not a well-formed signed JWT."));
        }
        JwtVerification issuer = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
        if (issuer == null) {
            return CompletableFuture.completedFuture(AuthResult.invalidToken("The token's issuer is not trusted."));
        }
        CompletionStage<JwtVerification.Verified> verification;
        try {
            verification = issuer.verify(jwt, claims);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(rejection(failure));
        }
        return verification.handle((result, failure) -> {
            if (failure != null) {
                return rejection(failure);
            }
            Instant cap = now.plus(MAX_CACHE_TIME);
            verified.put(digest, new Cached(issuer, result), result.validUntil().isBefore(cap) ? result.validUntil() : cap, now);
            return AuthResult.authenticated(result.principal(), request);
        });
    }

    /** A rejection carried by the failure, else 401: anything unexpected while checking a token is the token's. */
    private static AuthResult rejection(Throwable failure) {
        TokenRejection rejection = TokenRejection.find(failure);
        return rejection != null ? rejection.result() : AuthResult.invalidToken("The token could not be verified.");
    }

    @Override
    public GatewayRequest withoutCredentials(GatewayRequest request) {
        return tokens.withoutTokens(request);
    }

    @Override
    public String toString() {
        return "JwtAuthenticator" + issuers.keySet();
    }

    /** A cached verification and the issuer that made it, which says whether its key is still current. */
    private record Cached(JwtVerification issuer, JwtVerification.Verified verified) {
    }

    /** Collects the settings of a {@link JwtAuthenticator}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, JwtIssuer> issuers = new LinkedHashMap<>();
        private BearerTokenSource tokens = BearerTokenSource.authorizationHeader();
        private Clock clock = Clock.systemUTC();
        private int cacheSize = 10_000;
        private boolean passOpaqueTokens;

        private Builder() {
        }

        /** @param issuer a trusted issuer; add several for several identity providers @return this builder */
        public Builder issuer(JwtIssuer issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (issuers.putIfAbsent(issuer.issuer(), issuer) != null) {
                throw new IllegalArgumentException("issuer " + issuer.issuer() + " is configured twice");
            }
            return this;
        }

        /** @param source where tokens are read, default the {@code Authorization} header @return this builder */
        public Builder tokenSource(BearerTokenSource source) {
            this.tokens = Objects.requireNonNull(source, "tokenSource");
            return this;
        }

        /** @param clock the time source for expiry checks and JWKS refreshes @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param entries how many verified tokens to remember, default 10000; 0 disables @return this builder */
        public Builder verifiedTokenCacheSize(int entries) {
            this.cacheSize = entries;
            return this;
        }

        /**
         * @param pass abstain (instead of rejecting) on bearer tokens that are not JWTs, so an introspection
         *     authenticator after this one can try them; default false
         * @return this builder
         */
        public Builder passOpaqueTokens(boolean pass) {
            this.passOpaqueTokens = pass;
            return this;
        }

        /** @return the authenticator @throws IllegalArgumentException naming a bad setting */
        public JwtAuthenticator build() {
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException("issuer: at least one issuer is required");
            }
            if (cacheSize < 0) {
                throw new IllegalArgumentException("verifiedTokenCacheSize must not be negative: " + cacheSize);
            }
            return new JwtAuthenticator(this);
        }
    }
}
