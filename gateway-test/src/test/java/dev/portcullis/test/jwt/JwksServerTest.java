package dev.portcullis.test.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.portcullis.test.Answer;
import dev.portcullis.test.Ports;
import dev.portcullis.test.internal.BoundedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JWKS endpoint on the wire: what it serves, rotation, outages, and the fetch count. */
class JwksServerTest {
    private static final SigningKey FIRST = SigningKey.rs256("first");
    private static final SigningKey NEXT = SigningKey.es256("next");

    @RegisterExtension
    final JwksServer jwks = JwksServer.publishing(FIRST);

    private static HttpResponse<String> fetch(URI uri) throws IOException, InterruptedException {
        return BoundedHttp.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build());
    }

    private static List<String> keyIds(HttpResponse<String> response) throws ParseException {
        return JWKSet.parse(response.body()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void servesThePublishedKeySetAsJwkSetJsonAndCountsFetches() throws Exception {
        HttpResponse<String> response = fetch(jwks.uri());

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("application/jwk-set+json"), response.headers().firstValue("Content-Type"));
        assertEquals(List.of("first"), keyIds(response));
        assertEquals("/jwks.json", jwks.uri().getPath());
        jwks.awaitFetches(1, Duration.ofSeconds(5));
        assertEquals(1, jwks.fetchCount());
    }

    @Test
    void aRotationReplacesTheKeySet() throws Exception {
        jwks.publish(FIRST, NEXT);
        List<String> both = keyIds(fetch(jwks.uri()));
        jwks.publish(NEXT);

        assertEquals(List.of("first", "next"), both);
        assertEquals(List.of("next"), keyIds(fetch(jwks.uri())));
        assertEquals(2, jwks.fetchCount());
    }

    @Test
    void anOutageAnswersEveryFetchUntilTheNextPublish() throws Exception {
        jwks.failWith(Answer.of(503).header("Retry-After", "5"));
        int during = fetch(jwks.uri()).statusCode();
        jwks.publish(NEXT);

        assertEquals(503, during);
        assertEquals(List.of("next"), keyIds(fetch(jwks.uri())));
    }

    @Test
    void aClosedServerStopsListening() throws Exception {
        URI uri = jwks.uri();

        jwks.close();

        Ports.assertNotListening(uri.getPort());
    }
}
