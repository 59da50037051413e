package dev.portcullis.test;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway the extension runs, in each container: proxying to a recording upstream, the default application's
 * 404 problem, and the container set up as the launcher does (problem+json error pages, slow-client limits).
 */
class GatewayExtensionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HEAD_DEADLINE = Duration.ofSeconds(1);

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @RegisterExtension
    static final GatewayExtension GATEWAY = GatewayExtension.builder()
            .pipeline(() -> Pipeline.builder()
                    .add(Routing.interceptor(RouteTable.of(
                            Route.builder("orders").path("/api/orders/**").stripPrefix(1)
                                    .upstream(UPSTREAM.baseUri()).build(),
                            Route.builder("impatient").path("/impatient/**").upstream(UPSTREAM.baseUri())
                                    .responseTimeout(Duration.ofMillis(500)).build())))
                    .add(RequestGuards.interceptor(GuardPolicy.builder().maxBodyBytes(64).build()))
                    .build())
            .slowClientLimits(GatewayExtension.DEFAULT_LIMITS.withRequestHeadTimeout(HEAD_DEADLINE))
            .build();

    @ParameterizedTest
    @EnumSource(Container.class)
    void aRoutedRequestReachesTheRecordingUpstreamAndItsAnswerTheClient(Container container) throws Exception {
        UPSTREAM.answer(Answer.of(201).header("X-Upstream", "yes").body("created"));
        RunningGateway gateway = GATEWAY.in(container);

        HttpResponse<String> response = gateway.send(gateway.request("/api/orders/7?page=2")
                .header("X-Tenant", "acme").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}")).build());

        assertEquals(201, response.statusCode());
        assertEquals(Optional.of("yes"), response.headers().firstValue("X-Upstream"));
        assertEquals("created", response.body());
        RecordedRequest forwarded = UPSTREAM.awaitRequests(1, WAIT).get(0);
        assertEquals("POST", forwarded.method());
        assertEquals("/orders/7?page=2", forwarded.target());
        assertEquals(Optional.of("acme"), forwarded.headers().first("X-Tenant"));
        assertEquals(List.of("1.1 portcullis"), forwarded.headers().all("Via"));
        assertEquals("{\"qty\":2}", forwarded.bodyText());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anUnroutedRequestGetsTheDefaultApplicationsNotFoundProblem(Container container) throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).get("/elsewhere");

        assertThatProblem(response).hasStatus(404).hasType(GatewayExtension.NOT_FOUND).hasRequestId();
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
        assertEquals(0, UPSTREAM.requestCount());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void theGatewaysOwnRejectionsAreProblems(Container container) throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).send(GATEWAY.in(container).request("/api/orders")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(65))).build());

        assertThatProblem(response).hasStatus(413).hasType(ProblemTypes.PAYLOAD_TOO_LARGE).hasRequestId();
        assertEquals(0, UPSTREAM.requestCount());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anUpstreamThatHangsIsA504AndOneThatResetsIsA502(Container container) throws Exception {
        UPSTREAM.enqueue(Answer.hang(), Answer.reset(), Answer.reset());   // the JDK client retries a GET once
        RunningGateway gateway = GATEWAY.in(container);

        HttpResponse<String> hung = gateway.get("/impatient/a");
        HttpResponse<String> reset = gateway.get("/impatient/b");

        assertThatProblem(hung).hasStatus(504).hasType(ProblemTypes.UPSTREAM_TIMEOUT).hasRequestId()
                .doesNotContain("127.0.0.1");
        assertThatProblem(reset).hasStatus(502).hasType(ProblemTypes.UPSTREAM_UNAVAILABLE).hasRequestId()
                .doesNotContain("127.0.0.1");
        assertEquals(List.of("/impatient/a", "/impatient/b"),
                UPSTREAM.awaitRequests(2, WAIT).stream().map(RecordedRequest::target).toList());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aRequestTheContainerRefusesIsAProblemToo(Container container) throws Exception {
        String huge = "a".repeat(20_000);

        RawHttp.Response response = RawHttp.exchange(GATEWAY.in(container).port(),
                "GET /api/orders HTTP/1.1\r\nHost: gw\r\nX-Huge: " + huge + "\r\nConnection: close\r\n\r\n");

        assertTrue(response.status() == 431 || response.status() == 400, "Jetty 431, Tomcat 400: " + response.status());
        assertEquals(List.of("application/problem+json"), response.header("Content-Type"));
        assertTrue(!response.text().contains(huge.substring(0, 100)), "nothing of the request echoed");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aClientThatNeverFinishesItsRequestHeadIsCutWithinTheHeadDeadline(Container container) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", GATEWAY.in(container).port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/orders HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            int read = readUntilClosed(socket);

            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, read);
            assertTrue(waited < 8_000, "cut after " + waited + " ms, deadline " + HEAD_DEADLINE);
        }
    }

    /** @return -1 once the server closed the connection (what it sent before, a 408 on Jetty, is skipped) */
    private static int readUntilClosed(Socket socket) {
        try {
            while (socket.getInputStream().read() >= 0) {
                continue;
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aResponseWhoseBodyNeverEndsFailsTheCallInTimeInsteadOfHangingTheTest(Container container) {
        UPSTREAM.answer(Answer.of(200).header("Content-Length", "200000")    // the head, then 100,000 bytes short
                .body("x".repeat(100_000)));
        RunningGateway gateway = GATEWAY.in(container);
        long start = System.nanoTime();

        assertThrows(HttpTimeoutException.class,
                () -> gateway.send(gateway.request("/api/orders/7").timeout(Duration.ofMillis(500)).build()));

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "bounded by the request's timeout");
    }

    @Test
    void theSameGatewayServesEveryUseInAClassAndTheDefaultContainerIsJettyWhenPresent() {
        assertSame(GATEWAY.in(Container.TOMCAT), GATEWAY.in(Container.TOMCAT));
        assertSame(GATEWAY.running(), GATEWAY.in(Container.JETTY));
        assertEquals(Container.JETTY, GATEWAY.container());
        assertEquals(Container.TOMCAT, GATEWAY.in(Container.TOMCAT).container());
    }

    @Test
    void aRunningGatewayRefusesATargetWithoutALeadingSlashAndAHeaderNameWithoutAValue() {
        RunningGateway gateway = GATEWAY.running();

        assertThrows(IllegalArgumentException.class, () -> gateway.uri("api/orders"));
        assertThrows(IllegalArgumentException.class, () -> gateway.get("/api/orders", "X-Tenant"));
    }

    @Test
    void theBuilderNeedsExactlyOneOfPipelineAndFilter() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> GatewayExtension.builder().build());
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> GatewayExtension.builder()
                .pipeline(() -> Pipeline.builder().build())
                .filter(() -> GatewayFilter.builder().pipeline(Pipeline.builder().build()).build()));

        assertTrue(none.getMessage().startsWith("pipeline/filter:"), none.getMessage());
        assertTrue(both.getMessage().startsWith("pipeline/filter:"), both.getMessage());
    }
}
