package dev.portcullis.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.auth.internal.KeyRing;
import dev.portcullis.auth.internal.KeySource;
import dev.portcullis.auth.internal.TokenRejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Verifies one issuer's tokens: header rules, key choice, signature, then claims. Thread-safe. */
final class JwtVerification {
    private static final Set<String> TYPES = Set.of("jwt", "at+jwt");

    private final JwtIssuer issuer;
    private final KeySource keys;
    private final Clock clock;

    JwtVerification(JwtIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.keys = issuer.keySource(clock);
        this.clock = clock;
    }

    /** @return the verified principal and the window in which it stays valid; fails with {@link TokenRejection} */
    CompletionStage<Verified> verify(SignedJWT jwt, JWTClaimsSet claims) {
        JWSHeader header = jwt.getHeader();
        checkHeader(header);
        String kid = header.getKeyID();
        return keys.current().thenCompose(ring -> ring.find(header.getAlgorithm(), kid).isEmpty() && kid != null
                ? keys.refreshForUnknownKey() : java.util.concurrent.CompletableFuture.completedFuture(ring)
        ).thenApply(ring -> {
            JWSVerifier used = checkSignature(jwt, ring.find(header.getAlgorithm(), kid));
            return checkClaims(claims, ring.identityOf(used));
        });
    }

    /**
     * Asks the key source for its current keys, which also starts a due refresh, so a cached verification cannot
     * outlive the JWKS refresh that removes its key.
     *
     * @param verified an earlier verification by this issuer
     * @return whether the key that verified it is in the current key set (same key id, algorithm and key
     *     material); false while no current key set is at hand, so the token is verified again
     */
    boolean stillCurrent(Verified verified) {
        KeyRing ring;
        try {
            ring = keys.current().toCompletableFuture().getNow(null);
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return false;
        }
        return ring != null && ring.holds(verified.key());
    }

    private void checkHeader(JWSHeader header) {
        if (!issuer.algorithms().contains(header.getAlgorithm())) {
            throw TokenRejection.invalid("The token's algorithm is not accepted.");
        }
        checkType(header.getType() == null ? null : JwtIssuer.normalizedType(header.getType().getType()));
        if (header.getCriticalParams() != null || hasCritMember(header)) {
            throw TokenRejection.invalid("The token has a crit header: none is supported, and RFC 7515 forbids an empty one.");
        }
    }

    private void checkType(String type) {
        if (issuer.requiredTypes().isEmpty()) {
            if (type != null && !TYPES.contains(type)) {
                throw TokenRejection.invalid("The token's type is not accepted.");
            }
        } else if (type == null) {
            throw TokenRejection.invalid("The token has no type (typ).");
        } else if (!issuer.requiredTypes().contains(type)) {
            throw TokenRejection.invalid("The token's type is not accepted.");
        }
    }

    /** Nimbus drops an empty {@code crit} list when parsing, so the received header JSON is asked directly. */
    private static boolean hasCritMember(JWSHeader header) {
        if (header.getParsedBase64URL() == null) {
            return false;
        }
        try {
            return JSONObjectUtils.parse(header.getParsedBase64URL().decodeToString()).containsKey("crit");
        } catch (java.text.ParseException e) {
            throw TokenRejection.invalid("The token's header is not a JSON object.");
        }
    }

    /** Tries every matching verifier: one that fails (a key unfit for this token) does not stop the others. */
    /** @return the verifier that accepted the signature */
    static JWSVerifier checkSignature(SignedJWT jwt, List<JWSVerifier> verifiers) {
        if (verifiers.isEmpty()) {
            throw TokenRejection.invalid("The token was signed with an unknown key.");
        }
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return verifier;
                }
            } catch (JOSEException | IllegalStateException e) {
                continue;
            }
        }
        throw TokenRejection.invalid("The token's signature is invalid.");
    }

    private Verified checkClaims(JWTClaimsSet claims, String key) {
        Instant now = clock.instant();
        Duration skew = issuer.clockSkew();
        Instant expires = instant(claims.getExpirationTime());
        Instant notBefore = instant(claims.getNotBeforeTime());
        Instant issuedAt = instant(claims.getIssueTime());
        if (expires == null && issuer.requireExpiration()) {
            throw TokenRejection.invalid("The token has no expiry (exp).");
        }
        Instant validUntil = expires == null ? Instant.MAX : expires.plus(skew);
        if (!now.isBefore(validUntil)) {
            throw TokenRejection.invalid("The token has expired.");
        }
        Instant validFrom = notBefore == null ? Instant.MIN : notBefore.minus(skew);
        if (now.isBefore(validFrom)) {
            throw TokenRejection.invalid("The token is not valid yet (nbf).");
        }
        if (issuedAt != null && now.isBefore(issuedAt.minus(skew))) {
            throw TokenRejection.invalid("The token was issued in the future (iat).");
        }
        if (issuer.maxTokenAge() != null) {
            if (issuedAt == null) {
                throw TokenRejection.invalid("The token has no usable issue time (iat).");
            }
            Instant tooOld = issuedAt.plus(issuer.maxTokenAge()).plus(skew);
            if (!now.isBefore(tooOld)) {
                throw TokenRejection.invalid("The token is too old.");
            }
            validUntil = tooOld.isBefore(validUntil) ? tooOld : validUntil;
        }
        if (!issuer.audiences().isEmpty()
                && (claims.getAudience() == null || claims.getAudience().stream().noneMatch(issuer.audiences()::contains))) {
            throw TokenRejection.invalid("The token is not meant for this audience.");
        }
        for (String required : issuer.requiredClaims()) {
            if (claims.getClaim(required) == null) {
                throw TokenRejection.invalid("The token lacks the claim '" + required + "'.");
            }
        }
        GatewayPrincipal principal = issuer.claimsMapping().principal(claims.toJSONObject(), "jwt", issuer.issuer())
                .orElseThrow(() -> TokenRejection.invalid(issuer.claimsMapping().missingNameReason()));
        return new Verified(principal, validFrom, validUntil, key);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /**
     * A verified token: its principal, from when until when it may be accepted without checking again, and the
     * identity of the key that verified it (the acceptance lasts only while that key is current).
     */
    record Verified(GatewayPrincipal principal, Instant validFrom, Instant validUntil, String key) {
    }
}
