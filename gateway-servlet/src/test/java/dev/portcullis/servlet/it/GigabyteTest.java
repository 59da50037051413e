package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams 1 GiB up and 1 GiB down through a gateway running in a separate JVM with a 64 MiB heap: proof that no
 * body is held in memory. Tagged {@code large}; it runs in {@code mvn verify}.
 */
@Tag("large")
class GigabyteTest {
    private static final long GIB = 1L << 30;

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aGigabyteStreamsUpAndDownThroughAGatewayWithA64MegabyteHeap(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                String measured;
                try (InputStream in = exchange.getRequestBody()) {
                    measured = Generated.measure(in);
                }
                TestUpstream.reply(exchange, 200, measured);
            } else {
                exchange.sendResponseHeaders(200, GIB);
                try (OutputStream out = exchange.getResponseBody()) {
                    Generated.write(out, GIB);
                }
            }
        })) {
            Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    SmallHeapGatewayMain.class.getName(), container.name(), upstream.baseUri())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                int port = awaitPort(gateway);
                String expected = Generated.expected(GIB);
                HttpResponse<String> upload = Http.client().send(
                        HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/up"))
                                .POST(HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(() -> Generated.stream(GIB)), GIB))
                                .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, upload.statusCode());
                assertEquals(expected, upload.body());
                HttpResponse<InputStream> download = Http.client().send(
                        HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/down")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, download.statusCode());
                try (InputStream in = download.body()) {
                    assertEquals(expected, Generated.measure(in));
                }
                assertTrue(gateway.isAlive(), "the gateway JVM died (out of memory?)");
            } finally {
                gateway.getOutputStream().close();
                if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    private static int awaitPort(Process gateway) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the gateway JVM ended without a port; " + List.of(gateway.info()));
    }
}
