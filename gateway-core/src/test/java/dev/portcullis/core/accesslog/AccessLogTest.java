package dev.portcullis.core.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Exchange;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.IncomingRequest;
import dev.portcullis.core.logging.RequestMdc;
import dev.portcullis.core.testing.FixedUpstreamClient;
import dev.portcullis.core.testing.RecordingLogger;
import dev.portcullis.core.testing.RecordingSlf4jProvider;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The access log's entries, as the gateway's exchanges end: what each holds, which are written, and how. */
class AccessLogTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-22T10:15:30.500Z"), ZoneOffset.UTC);
    private static final Interceptor DENY = Interceptor.named("Deny", chain -> CompletableFuture.completedFuture(
            GatewayResponse.problem(Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build())));
    private static final Interceptor ALICE = Interceptor.named("Alice", chain -> chain.proceed(chain.request()
            .withAttribute(GatewayPrincipal.ATTRIBUTE, GatewayPrincipal.builder("alice", "test").build())));

    private final RecordingLogger log = new RecordingLogger(AccessLog.LOGGER_NAME);

    private Gateway gateway(UnaryOperator<AccessLog.Builder> settings, FixedUpstreamClient client, Route route,
                            Interceptor... afterRouting) {
        return Gateway.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(route)))
                        .addAll(List.of(afterRouting)).build())
                .upstreamClient(client)
                .trustedProxies("192.0.2.0/24")
                .accessLog(settings.apply(AccessLog.builder().logger(log).clock(CLOCK)).build())
                .build();
    }

    private Gateway gateway(UnaryOperator<AccessLog.Builder> settings, Interceptor... afterRouting) {
        return gateway(settings, FixedUpstreamClient.answering(201, "made"), api().build(), afterRouting);
    }

    private static Route.Builder api() {
        return Route.builder("api").path("/api/**").upstream("http://10.0.0.5:8080");
    }

    private static IncomingRequest.Builder request(String method, String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return IncomingRequest.builder().method(method).peerAddress("192.0.2.7").contentLength(0)
                .rawPath(query < 0 ? pathAndQuery : pathAndQuery.substring(0, query))
                .rawQuery(query < 0 ? null : pathAndQuery.substring(query + 1));
    }

    /** Runs one exchange to its end, as a container adapter would, reporting the status and 4 bytes written. */
    private static Exchange serve(Gateway gateway, IncomingRequest incoming) {
        Exchange exchange = gateway.open(incoming);
        if (exchange.refusal().isPresent()) {
            exchange.end(exchange.refusal().get().status(), 4);
        } else {
            exchange.end(exchange.run().join().status(), 4);
        }
        return exchange;
    }

    @Test
    void aProxiedRequestIsOneReadableLineWithEveryField() {
        Gateway gateway = gateway(UnaryOperator.identity());
        Exchange exchange = serve(gateway, request("POST", "/api/orders").contentLength(5)
                .headers(HttpHeaders.builder().add("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01").build())
                .body(length -> Body.of("hello")).build());
        gateway.close();

        assertEquals(1, log.lines.size());
        String line = log.lines.get(0).message();
        assertTrue(Pattern.matches("2025-11-22T10:15:30\\.[0-9]{3}Z 192\\.0\\.2\\.7 \"POST /api/orders\" 201 ok "
                + "in=5 out=4 ms=[0-9]+\\.[0-9]{3} route=api upstream=http://10\\.0\\.0\\.5:8080 "
                + "upstream_ms=[0-9]+\\.[0-9]{3} stage=- id=" + exchange.id() + " trace=" + TRACE, line), line);
    }

    @Test
    void theJsonFormatHoldsTheSameFieldsAndLeavesAbsentOnesOut() throws Exception {
        Gateway gateway = gateway(settings -> settings.format(AccessLogFormat.json()));
        Exchange exchange = serve(gateway, request("GET", "/api/orders/7").build());
        gateway.close();

        JsonNode entry = new ObjectMapper().readTree(log.lines.get(0).message());
        assertEquals(exchange.id(), entry.get("requestId").asText());
        assertTrue(entry.get("time").asText().matches("2025-11-22T10:15:30\\.[0-9]{3}Z"));
        assertTrue(entry.get("traceId").asText().matches("[0-9a-f]{32}"));
        assertEquals("192.0.2.7", entry.get("client").asText());
        assertEquals("GET", entry.get("method").asText());
        assertEquals("/api/orders/7", entry.get("path").asText());
        assertEquals("api", entry.get("routeId").asText());
        assertEquals("http://10.0.0.5:8080", entry.get("upstream").asText());
        assertEquals(201, entry.get("status").asInt());
        assertEquals(0, entry.get("bytesIn").asLong());
        assertEquals(4, entry.get("bytesOut").asLong());
        assertTrue(entry.get("durationMs").isNumber());
        assertTrue(entry.get("upstreamHeadersMs").isNumber());
        assertEquals("ok", entry.get("outcome").asText());
        assertFalse(entry.has("stage") || entry.has("query") || entry.has("subject"));
    }

    @Test
    void aStageThatAnsweredIsNamedWithTheRouteItWasOn() {
        Gateway gateway = gateway(UnaryOperator.identity(), DENY);
        serve(gateway, request("GET", "/api/orders").build());
        gateway.close();

        String line = log.lines.get(0).message();
        assertTrue(line.contains("\"GET /api/orders\" 403 ok in=0 out=4 "), line);
        assertTrue(line.contains(" route=api upstream=- upstream_ms=- stage=Deny "), line);
    }

    @Test
    void aRequestRefusedBeforeThePipelineIsLoggedWithItsPeerAndItsHostileValuesEscaped() {
        Gateway gateway = gateway(UnaryOperator.identity());
        serve(gateway, request("GET", "/a\"b\r\nX: forged/../c").build());
        gateway.close();

        String line = log.lines.get(0).message();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.contains(" 192.0.2.7 \"GET /a\\\"b\\r\\nX: forged/../c\" 400 ok "), line);
        assertTrue(line.contains(" route=- upstream=- upstream_ms=- stage=- "), line);
    }

    @Test
    void theQueryIsLeftOutUnlessAskedForAndThenItsCredentialsAreRedacted() {
        String target = "/api/search?q=cats&access_token=secret1&API_KEY=secret2&mine=secret3";
        Gateway quiet = gateway(UnaryOperator.identity());
        serve(quiet, request("GET", target).build());
        quiet.close();
        Gateway telling = gateway(settings -> settings.includeQuery(true).redactQueryParameters("Mine"));
        serve(telling, request("GET", target).build());
        telling.close();

        assertTrue(log.lines.get(0).message().contains("\"GET /api/search\""));
        assertTrue(log.lines.get(1).message().contains(
                "\"GET /api/search?q=cats&access_token=REDACTED&API_KEY=REDACTED&mine=REDACTED\""));
        assertFalse(log.lines.get(1).message().contains("secret"));
    }

    @Test
    void theSubjectIsWrittenOnlyWhenAskedFor() {
        Gateway quiet = gateway(UnaryOperator.identity(), ALICE);
        serve(quiet, request("GET", "/api/me").build());
        quiet.close();
        Gateway telling = gateway(settings -> settings.includeSubject(true), ALICE);
        serve(telling, request("GET", "/api/me").build());
        telling.close();

        assertFalse(log.lines.get(0).message().contains("alice"));
        assertTrue(log.lines.get(1).message().contains(" stage=- subject=\"alice\" id="));
    }

    @Test
    void clientAbortsAndUpstreamFailuresAreMarkedByTheirOutcome() {
        Gateway aborted = gateway(UnaryOperator.identity());
        Exchange gone = aborted.open(request("GET", "/api/slow").build());
        gone.run().join();
        gone.clientGone();
        gone.end(200, 1);
        aborted.close();
        Gateway failing = gateway(UnaryOperator.identity(),
                FixedUpstreamClient.failing(new ConnectException("refused")), api().build());
        serve(failing, request("GET", "/api/down").build());
        failing.close();

        assertTrue(log.lines.get(0).message().contains("\" 200 client-abort in=0 out=1 "));
        assertTrue(log.lines.get(1).message().contains("\" 502 upstream-failed "));
    }

    @Test
    void aRouteSwitchedOffIsNeverWrittenAndASampledOneKeepsItsFailures() {
        Route off = api().metadata(AccessLogSampling.ROUTE, AccessLogSampling.off()).build();
        Gateway silent = gateway(UnaryOperator.identity(), FixedUpstreamClient.answering(500, "x"), off);
        serve(silent, request("GET", "/api/health").build());
        silent.close();
        Gateway failuresOnly = gateway(settings -> settings.sampling(AccessLogSampling.rate(0)));
        serve(failuresOnly, request("GET", "/api/fine").build());
        Exchange broken = failuresOnly.open(request("GET", "/api/broken").build());
        broken.run().join();
        broken.end(500, 0);
        Exchange gone = failuresOnly.open(request("GET", "/api/gone").build());
        gone.clientGone();
        gone.end(0, 0);
        failuresOnly.close();
        Route everything = api().metadata(AccessLogSampling.ROUTE, AccessLogSampling.all()).build();
        Gateway routeAll = gateway(settings -> settings.sampling(AccessLogSampling.off()),
                FixedUpstreamClient.answering(200, "x"), everything);
        serve(routeAll, request("GET", "/api/all").build());
        routeAll.close();

        assertEquals(3, log.lines.size(), log.messages().toString());
        assertTrue(log.lines.get(0).message().contains("\"GET /api/broken\" 500 ok"));
        assertTrue(log.lines.get(1).message().contains("\"GET /api/gone\" 0 client-abort"));
        assertTrue(log.lines.get(2).message().contains("\"GET /api/all\" 200 ok"));
    }

    @Test
    void aSampleRateWritesAboutThatShareOfSuccesses() {
        Gateway gateway = gateway(settings -> settings.sampling(AccessLogSampling.rate(0.25)));
        for (int i = 0; i < 4000; i++) {
            serve(gateway, request("GET", "/api/x").build());
        }
        gateway.close();

        assertTrue(log.lines.size() > 800 && log.lines.size() < 1200, "written: " + log.lines.size());
    }

    @Test
    void aLoggerSwitchedOffCostsNoEntry() {
        log.enabled(false);
        Gateway gateway = gateway(UnaryOperator.identity());
        AccessLog accessLog = AccessLog.builder().logger(log).queueCapacity(1).build();
        Gateway second = Gateway.builder().pipeline(Pipeline.builder().build())
                .upstreamClient(FixedUpstreamClient.answering(200, "x")).accessLog(accessLog).build();
        for (int i = 0; i < 10; i++) {
            serve(gateway, request("GET", "/api/x").build());
            serve(second, request("GET", "/x").build());
        }
        gateway.close();
        second.close();

        assertEquals(0, accessLog.dropped(), "nothing was even queued");
        assertEquals(List.of(), log.lines);
    }

    @Test
    void whenTheBackendStallsTheQueueFillsAndFurtherEntriesAreDroppedCountedAndReported() throws Exception {
        log.holdWrites();
        AccessLog accessLog = AccessLog.builder().logger(log).queueCapacity(2).build();
        Gateway gateway = Gateway.builder().pipeline(Pipeline.builder().build())
                .upstreamClient(FixedUpstreamClient.answering(200, "x")).accessLog(accessLog).build();
        try (RecordingSlf4jProvider.Capture capture = RecordingSlf4jProvider.capture("dev.portcullis")) {
            serve(gateway, request("GET", "/first").build());
            assertTrue(log.awaitFirstWrite(), "the writer took the first entry and is stuck writing it");
            for (int i = 0; i < 5; i++) {
                serve(gateway, request("GET", "/next").build());
            }

            assertEquals(3, accessLog.dropped(), "two entries wait in the queue, three found it full");
            log.releaseWrites();
            gateway.close();

            assertEquals(3, log.lines.size());
            assertTrue(capture.of(AccessLog.class.getName()).stream().anyMatch(warning -> warning.message()
                    .equals("access log: 3 entries dropped because 2 were waiting to be written (3 dropped in all)")),
                    capture.lines().toString());
        }
    }

    @Test
    void closingWritesWhatIsQueuedStopsTheWriterAndLaterEntriesAreDropped() throws Exception {
        log.holdWrites();
        AccessLog accessLog = AccessLog.builder().logger(log).build();
        Gateway second = Gateway.builder().pipeline(Pipeline.builder().build())
                .upstreamClient(FixedUpstreamClient.answering(200, "x")).accessLog(accessLog).build();
        for (int i = 0; i < 3; i++) {
            serve(second, request("GET", "/x" + i).build());
        }
        log.releaseWrites();

        second.close();
        serve(second, request("GET", "/late").build());

        assertEquals(3, log.lines.size());
        assertTrue(accessLog.stopped());
        assertEquals(1, accessLog.dropped());
    }

    @Test
    void eachEntryIsWrittenOnTheWritersThreadWithItsRequestsMdcEntries() {
        Gateway gateway = gateway(UnaryOperator.identity());
        Exchange exchange = serve(gateway, request("GET", "/api/x").build());
        gateway.close();

        RecordingLogger.Line line = log.lines.get(0);
        assertEquals("portcullis-access-log", line.thread());
        assertEquals(exchange.id(), line.mdc().get(RequestMdc.REQUEST_ID));
        assertEquals("api", line.mdc().get(RequestMdc.ROUTE_ID));
        assertTrue(line.message().endsWith(" trace=" + line.mdc().get(RequestMdc.TRACE_ID)));
    }

    @Test
    void badSettingsFailNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLog.builder().queueCapacity(0).build())
                .getMessage().startsWith("queueCapacity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLogSampling.rate(1.01))
                .getMessage().startsWith("rate"));
        AccessLog accessLog = AccessLog.builder().logger(log).build();
        Gateway.Builder twice = Gateway.builder().accessLog(accessLog);
        assertTrue(assertThrows(IllegalStateException.class, () -> twice.accessLog(accessLog))
                .getMessage().startsWith("accessLog"));
        accessLog.close();
    }
}
