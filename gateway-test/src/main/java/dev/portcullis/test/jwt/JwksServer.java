package dev.portcullis.test.jwt;

import dev.portcullis.test.Answer;
import dev.portcullis.test.RecordingUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real JWKS endpoint on {@code 127.0.0.1} ({@link #uri()}), serving the public halves of the keys it was told to
 * publish as {@code application/jwk-set+json}, for an issuer configured with {@code jwksUri(jwks.uri())}. Keys rotate
 * with {@link #publish(SigningKey...)}; an identity-provider outage is {@link #failWith(Answer)} (a 503, a hang, a
 * reset) or {@link #close()} (connections refused); {@link #fetchCount()} tells how often the gateway fetched.
 * It starts on first use. Needs Nimbus JOSE+JWT on the test classpath (gateway-auth brings it). Thread-safe.
 *
 * <p>As a JUnit 5 extension ({@code @RegisterExtension}): in a {@code static} field it serves the whole class and
 * counts fetches per test, in an instance field it serves one test; what it publishes stays until changed.
 *
 * <pre>{@code
 * static final SigningKey KEY = SigningKey.rs256("key-1");
 * @RegisterExtension
 * static final JwksServer JWKS = JwksServer.publishing(KEY);
 *
 * JwtIssuer issuer = JwtIssuer.builder("https://idp.test").jwksUri(JWKS.uri()).build();
 * ...
 * JWKS.publish(NEXT_KEY);                     // rotation: tokens of KEY are refused once the gateway refetched
 * }</pre>
 */
public final class JwksServer
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, AutoCloseable {
    private final RecordingUpstream upstream = RecordingUpstream.create();

    private JwksServer() {
    }

    /**
     * @param keys the {@code RS256} and {@code ES256} keys to publish first
     * @return a JWKS server, not started yet
     * @throws IllegalArgumentException for an {@code HS256} key
     * @throws IllegalStateException naming the artifact when Nimbus JOSE+JWT is not on the classpath
     */
    public static JwksServer publishing(SigningKey... keys) {
        JwksServer server = new JwksServer();
        server.publish(keys);
        return server;
    }

    /** @return {@code http://127.0.0.1:<port>/jwks.json}, starting the server if needed */
    public URI uri() {
        return upstream.uri("/jwks.json");
    }

    /**
     * @param keys the key set from now on, replacing the last one (no key: an empty set)
     * @throws IllegalArgumentException for an {@code HS256} key
     */
    public void publish(SigningKey... keys) {
        upstream.answer(Answer.of(200).header("Content-Type", "application/jwk-set+json")
                .body(SigningKey.jwkSet(keys)));
    }

    /** @param answer the answer to every fetch until the next {@link #publish}, e.g. {@code Answer.of(503)} */
    public void failWith(Answer answer) {
        upstream.answer(Objects.requireNonNull(answer, "answer"));
    }

    /**
     * @return how many times the key set was fetched since the server was created, or, as a class-wide extension,
     *     since the test began
     */
    public int fetchCount() {
        return upstream.requestCount();
    }

    /**
     * @param count how many fetches in all to wait for
     * @param timeout the longest wait
     * @throws AssertionError if fewer came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitFetches(int count, Duration timeout) throws InterruptedException {
        upstream.awaitRequests(count, timeout);
    }

    /** Stops the server: from now on fetches are refused. */
    @Override
    public void close() {
        upstream.close();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        upstream.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        upstream.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        upstream.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        upstream.afterAll(context);
    }

    @Override
    public String toString() {
        return "JwksServer[" + upstream + ']';
    }
}
