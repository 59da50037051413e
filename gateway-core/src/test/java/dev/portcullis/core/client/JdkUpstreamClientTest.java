package dev.portcullis.core.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JdkUpstreamClientTest {

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().endsWith("SelectorManager"))
                .collect(Collectors.toSet());
    }

    @Test
    void closeStopsTheHttpClientsSelectorThreadOnJava21AndThrowsNothingBefore() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Set<Thread> before = selectorThreads();
        JdkUpstreamClient client = JdkUpstreamClient.create();
        try {
            UpstreamResponse response = client.exchange(new UpstreamRequest("GET",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), HttpHeaders.empty(),
                    Body.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
            assertEquals(204, response.status());
            response.body().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer item) {
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            Set<Thread> ours = new HashSet<>(selectorThreads());
            ours.removeAll(before);
            assertEquals(1, ours.size(), "the client's selector thread: " + ours);
            assertDoesNotThrow(client::close);
            if (Runtime.version().feature() >= 21) {
                for (Thread thread : ours) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                    assertFalse(thread.isAlive(), thread.getName() + " outlived close()");
                }
            }
        } finally {
            server.stop(0);
        }
    }
}
