package dev.portcullis.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.test.Answer;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's quick start class, run as written against a real upstream over real sockets. */
class QuickStartTest {
    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = QuickStart.start(0, UPSTREAM.baseUri());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRouteIsProxiedToTheUpstreamWithoutItsPrefix() throws Exception {
        UPSTREAM.answer(Answer.of(200).header("Content-Type", "application/json").body("{\"url\":\"/get\"}"));

        HttpResponse<String> response = get("/api/get?show=1");

        assertEquals(200, response.statusCode());
        assertEquals("{\"url\":\"/get\"}", response.body());
        RecordedRequest forwarded = UPSTREAM.awaitRequests(1, Duration.ofSeconds(5)).get(0);
        assertEquals("/get?show=1", forwarded.target());
    }

    @Test
    void aRequestNoRouteTakesReachesTheApplicationServlet() throws Exception {
        HttpResponse<String> response = get("/hello");

        assertEquals(200, response.statusCode());
        assertEquals("hello from your application\n", response.body());
        assertEquals(0, UPSTREAM.requestCount());
    }
}
