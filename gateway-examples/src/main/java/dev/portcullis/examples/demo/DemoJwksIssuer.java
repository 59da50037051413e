package dev.portcullis.examples.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The demo's identity provider as a server of its own, for a gateway in another process (the runnable jar): it holds
 * an RS256 key pair drawn when it starts, publishes the public key as a JWK set at {@value #JWKS_PATH} on
 * {@code 127.0.0.1}, and signs tokens with the private key. A gateway trusts it with
 * {@code jwksUri: http://127.0.0.1:<port>/.well-known/jwks.json}; the tokens carry the same claims as
 * {@link DemoIssuer}'s ({@code iss} {@value DemoIssuer#ISSUER}). {@link #close()} stops the server at once.
 *
 * <pre>{@code
 * try (DemoJwksIssuer issuer = DemoJwksIssuer.start(0)) {
 *     String jwksUri = issuer.jwksUri();
 *     String token = issuer.token("alice", "orders:read", Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class DemoJwksIssuer implements AutoCloseable {
    /** Where the JWK set is served. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    private final RSAKey key;
    private final HttpServer server;

    private DemoJwksIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    /**
     * @param port the port on {@code 127.0.0.1}, 0 for any free one
     * @return the started issuer with a fresh key pair
     * @throws IOException if it cannot bind
     */
    public static DemoJwksIssuer start(int port) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID("demo").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the demo key pair", e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext(JWKS_PATH, exchange -> answer(exchange, jwks));
        server.start();
        return new DemoJwksIssuer(key, server);
    }

    private static void answer(HttpExchange exchange, byte[] jwks) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
        }
    }

    /** @return {@code http://127.0.0.1:port/.well-known/jwks.json} */
    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH;
    }

    /**
     * @param subject the {@code sub} claim
     * @param scope the space-separated {@code scope} claim
     * @param lifetime how long the token is valid
     * @return a compact JWT signed RS256 with this issuer's key (key id {@code demo})
     */
    public String token(String subject, String scope, Duration lifetime) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), DemoIssuer.claims(subject, scope, lifetime));
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
