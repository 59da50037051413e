package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent.Outcome;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Through the real filter in both containers, the exchange events an {@link ExchangeListener} hears: every
 * exchange starts once and ends once, also when clients vanish while their upstream is answering, so the race
 * between a client abort, the end of the upstream body and the container's completion never ends one twice or
 * never.
 */
class ExchangeEventsTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int EXCHANGES = 300;

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void clientsThatVanishWhileTheirUpstreamAnswersLeaveEveryExchangeStartedOnceAndEndedOnce(
            ServletContainer container) throws Exception {
        Recorder recorder = new Recorder(EXCHANGES);
        byte[] chunk = new byte[4096];
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            exchange.sendResponseHeaders(200, 16L * chunk.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 16; i++) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException clientGone) {
                // the gateway cancelled the upstream exchange because its client left
            }
        });
             RunningServer server = container.start(Gateways.builder(Route.builder("api").path("/api/**")
                     .upstream(upstream.baseUri()).build()).listener(recorder).build(), new AppServlet())) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < EXCHANGES; i++) {
                    int readBeforeLeaving = i % 3 == 0 ? Integer.MAX_VALUE : (i % 3) * 1500;
                    runs.add(clients.submit(() -> readThenLeave(server.port(), readBeforeLeaving)));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertTrue(recorder.allEnded.await(60, TimeUnit.SECONDS),
                    "exchanges that never ended: " + recorder.allEnded.getCount());
        }
        Map<String, Long> starts = countById(recorder.events, ExchangeEvent.Started.class);
        Map<String, Long> ends = countById(recorder.events, ExchangeEvent.Ended.class);
        assertEquals(EXCHANGES, starts.size());
        assertEquals(starts.keySet(), ends.keySet());
        assertTrue(starts.values().stream().allMatch(count -> count == 1), "an exchange started twice");
        assertTrue(ends.values().stream().allMatch(count -> count == 1), "an exchange ended twice");
        List<ExchangeEvent.Ended> ended = recorder.events.stream().filter(ExchangeEvent.Ended.class::isInstance)
                .map(ExchangeEvent.Ended.class::cast).toList();
        long completed = ended.stream().filter(end -> end.outcome() == Outcome.COMPLETED).count();
        assertTrue(completed >= EXCHANGES / 3, "every client that read to the end was completed: " + completed);
        assertTrue(ended.stream().filter(end -> end.outcome() == Outcome.COMPLETED)
                .allMatch(end -> end.status() == 200 && end.bytesOut() == 16L * chunk.length));
    }

    private static Map<String, Long> countById(List<ExchangeEvent> events, Class<? extends ExchangeEvent> kind) {
        return events.stream().filter(kind::isInstance)
                .collect(Collectors.groupingBy(ExchangeEvent::requestId, Collectors.counting()));
    }

    /** Sends one GET, reads up to {@code limit} bytes of the answer, then closes the socket. */
    private static Void readThenLeave(int port, int limit) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/stream HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int total = 0;
            for (int n = in.read(buffer); n >= 0 && total < limit; n = in.read(buffer)) {
                total += n;
            }
        } catch (IOException reset) {
            // a client that leaves early may see its connection reset: that is the point of the test
        }
        return null;
    }

    /** Records every event and counts down once per ended exchange. */
    private static final class Recorder implements ExchangeListener {
        final List<ExchangeEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch allEnded;
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

        Recorder(int exchanges) {
            this.allEnded = new CountDownLatch(exchanges);
        }

        @Override
        public void onEvent(ExchangeEvent event) {
            events.add(event);
            if (event instanceof ExchangeEvent.Ended && seen.putIfAbsent(event.requestId(), true) == null) {
                allEnded.countDown();
            }
        }
    }
}
