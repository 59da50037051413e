package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunningAppTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDemoUpstreamIsStoppedWhenTheServerInFrontFailsToStart() throws Exception {
        AtomicReference<String> upstream = new AtomicReference<>();
        IllegalStateException failure = new IllegalStateException("port taken");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                RunningApp.withDemoUpstream(baseUri -> {
                    upstream.set(baseUri);
                    assertEquals(200, get(baseUri + "/ping").statusCode(), "the upstream was running");
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertThrows(ConnectException.class, () -> get(upstream.get() + "/ping"));
    }

    @Test
    void closeStopsEveryResourceInOrderAndReportsTheFirstFailure() {
        List<String> closed = new ArrayList<>();
        RunningApp app = new RunningApp(8080,
                () -> closed.add("server"),
                () -> {
                    closed.add("broken");
                    throw new IOException("first");
                },
                () -> closed.add("upstream"));

        IOException thrown = assertThrows(IOException.class, app::close);

        assertEquals("first", thrown.getMessage());
        assertEquals(List.of("server", "broken", "upstream"), closed);
    }

    @Test
    void aPortThatWasNeverBoundIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunningApp(0));
        assertEquals("port: not a bound port: 0", e.getMessage());
    }

    private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
