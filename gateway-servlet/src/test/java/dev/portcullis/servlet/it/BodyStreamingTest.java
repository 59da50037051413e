package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.routing.Route;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BodyStreamingTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    private static Route api(TestUpstream upstream) {
        return Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build();
    }

    private static byte[] bodyOf(byte[] echo) {
        String text = new String(echo, StandardCharsets.ISO_8859_1);
        return Arrays.copyOfRange(echo, text.indexOf("\n\n") + 2, echo.length);
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void formUrlEncodedBodiesArriveIntact(ServletContainer container) throws Exception {
        String form = "name=J%C3%BCrgen+M&tags=a&tags=b&empty=&sym=%26%3D%25";
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.routing(api(upstream)), new AppServlet())) {
            HttpResponse<byte[]> response = Http.client().send(HttpRequest.newBuilder(server.uri("/api/form"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertEquals(form, new String(bodyOf(response.body()), StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void multipartBodiesArriveIntact(ServletContainer container) throws Exception {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        java.io.ByteArrayOutputStream multipart = new java.io.ByteArrayOutputStream();
        multipart.write(("--XyZ\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        multipart.write(binary);
        multipart.write("\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.routing(api(upstream)), new AppServlet())) {
            HttpResponse<byte[]> response = Http.client().send(HttpRequest.newBuilder(server.uri("/api/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=XyZ")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertArrayEquals(multipart.toByteArray(), bodyOf(response.body()));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void serverSentEventsArriveOneByOneBeforeTheUpstreamFinishes(ServletContainer container) throws Exception {
        int events = 3;
        CountDownLatch[] received = new CountDownLatch[events];
        Arrays.setAll(received, i -> new CountDownLatch(1));
        AtomicBoolean upstreamWaitedInVain = new AtomicBoolean();
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < events; i++) {
                out.write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    if (!received[i].await(10, TimeUnit.SECONDS)) {
                        upstreamWaitedInVain.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.close();
        });
             RunningServer server = container.start(Gateways.routing(api(upstream)), new AppServlet())) {
            HttpResponse<Stream<String>> response = Http.client().send(
                    HttpRequest.newBuilder(server.uri("/api/events")).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
            List<String> data = response.body().filter(line -> line.startsWith("data: ")).peek(line -> {
                int index = Integer.parseInt(line.substring("data: event ".length()));
                received[index].countDown();
            }).collect(Collectors.toList());
            assertEquals(List.of("data: event 0", "data: event 1", "data: event 2"), data);
            assertEquals(false, upstreamWaitedInVain.get(), "an event was held back until the upstream finished");
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aLargeBodyStreamsBothWays(ServletContainer container) throws Exception {
        long size = 48L * 1024 * 1024;
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            String count;
            try (InputStream in = exchange.getRequestBody()) {
                count = Generated.measure(in);
            }
            exchange.getResponseHeaders().add("X-Received", count);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                Generated.write(out, size);
            }
        });
             RunningServer server = container.start(Gateways.routing(api(upstream)), new AppServlet())) {
            HttpResponse<InputStream> response = Http.client().send(HttpRequest.newBuilder(server.uri("/api/big"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> Generated.stream(size))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertEquals(Generated.expected(size), response.headers().firstValue("X-Received").orElseThrow());
            try (InputStream in = response.body()) {
                assertEquals(Generated.expected(size), Generated.measure(in));
            }
        }
    }
}
