package dev.portcullis.benchmarks.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JWT authentication cost: {@code first} verifies the signature every time (verified-token cache off), {@code cached}
 * finds the token in the verified-token cache. Run: {@code bench/jmh.sh Jwt -f 1 -wi 3 -i 5 -w 1 -r 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerificationBenchmark {
    private static final String ISSUER = "https://idp.bench/";

    private GatewayRequest rsRequest;
    private GatewayRequest esRequest;
    private JwtAuthenticator rsFirst;
    private JwtAuthenticator rsCached;
    private JwtAuthenticator esFirst;
    private JwtAuthenticator esCached;

    /** Makes keys, tokens and authenticators. @throws Exception never, in practice */
    @Setup
    public void setUp() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        rsRequest = request(token(JWSAlgorithm.RS256, rsa, new RSASSASigner(rsa)));
        esRequest = request(token(JWSAlgorithm.ES256, ec, new ECDSASigner(ec)));
        rsFirst = authenticator(rsa, "RS256", 0);
        rsCached = authenticator(rsa, "RS256", 1000);
        esFirst = authenticator(ec, "ES256", 0);
        esCached = authenticator(ec, "ES256", 1000);
    }

    private static String token(JWSAlgorithm alg, JWK key, JWSSigner signer) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("bench").claim("scope", "a b c")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static JwtAuthenticator authenticator(JWK key, String alg, int cacheSize) {
        return JwtAuthenticator.builder().verifiedTokenCacheSize(cacheSize).issuer(JwtIssuer.builder(ISSUER)
                .jwkSetJson(new JWKSet(key.toPublicJWK()).toString()).algorithms(alg).build()).build();
    }

    private static GatewayRequest request(String token) {
        return GatewayRequest.builder().id("bench").method("GET").authority("gw").rawPath("/api")
                .headers(HttpHeaders.builder().add("Authorization", "Bearer " + token).build())
                .clientAddress(InetAddress.getLoopbackAddress()).build();
    }

    private static AuthResult run(JwtAuthenticator authenticator, GatewayRequest request) {
        AuthResult result = authenticator.authenticate(request).toCompletableFuture().join();
        if (!(result instanceof AuthResult.Authenticated)) {
            throw new IllegalStateException("benchmark token rejected: " + result);
        }
        return result;
    }

    /** @return the result of verifying an RS256 token from scratch */
    @Benchmark
    public AuthResult rs256First() {
        return run(rsFirst, rsRequest);
    }

    /** @return the result of a cached RS256 token */
    @Benchmark
    public AuthResult rs256Cached() {
        return run(rsCached, rsRequest);
    }

    /** @return the result of verifying an ES256 token from scratch */
    @Benchmark
    public AuthResult es256First() {
        return run(esFirst, esRequest);
    }

    /** @return the result of a cached ES256 token */
    @Benchmark
    public AuthResult es256Cached() {
        return run(esCached, esRequest);
    }
}
