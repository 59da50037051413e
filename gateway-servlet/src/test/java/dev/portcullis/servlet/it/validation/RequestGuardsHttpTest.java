package dev.portcullis.servlet.it.validation;

import static dev.portcullis.servlet.it.validation.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.guard.ValueCheck;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The request-line and header guards of {@link RequestGuards} through the real filter, in both containers. */
class RequestGuardsHttpTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String VALID = "/strict/items?version=3";
    @RegisterExtension
    static final GatewayFixture GATEWAY = new GatewayFixture(RequestGuardsHttpTest::gateway);

    private static GatewayFilter gateway(Upstream upstream) {
        Route strict = Route.builder("strict").path("/strict/**").upstream(upstream.baseUri())
                .metadata(RequestGuards.POLICY, GuardPolicy.builder()
                        .allowedMethods("GET", "POST")
                        .allowedContentTypes("application/json")
                        .maxUriLength(200)
                        .maxHeaderBytes(2048)
                        .requireHeader("X-Tenant", ValueCheck.pattern("[a-z]+"))
                        .requireQueryParam("version", ValueCheck.integer())
                        .build())
                .build();
        return GatewayFilter.builder().pipeline(Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(strict)))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .build()).build();
    }

    private static HttpRequest.Builder request(RunningServer server, String target) {
        return HttpRequest.newBuilder(server.uri(target)).header("X-Tenant", "acme");
    }

    private void assertUpstreamNotCalled() {
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aRequestMeetingThePolicyReachesTheUpstream(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.send(request(server, VALID)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(200, response.statusCode(), response.body());
        Upstream.Seen seen = GATEWAY.upstream().next();
        assertEquals("POST " + VALID, seen.method() + " " + seen.rawUri());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aMethodTheRouteDoesNotAllowIsA405ProblemWithAllow(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.send(request(server, VALID).DELETE().build());
        assertProblem(response, 405, ProblemTypes.METHOD_NOT_ALLOWED);
        assertEquals(List.of("GET, POST"), response.headers().allValues("Allow"));
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBodyOfAnotherContentTypeIsA415Problem(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.send(request(server, VALID)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")).build());
        assertProblem(response, 415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aChunkedBodyWithoutContentTypeIsA415Problem(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST " + VALID + " HTTP/1.1\r\nHost: gw\r\n"
                + "X-Tenant: acme\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nhi\r\n0\r\n\r\n");
        assertProblem(response, 415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTargetOverTheRouteLimitIsA414Problem(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.send(request(server, VALID + "&pad=" + "x".repeat(200)).build());
        assertProblem(response, 414, ProblemTypes.URI_TOO_LONG);
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void headersOverTheRouteLimitAreA431Problem(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.send(request(server, VALID).header("X-Pad", "x".repeat(3000)).build());
        assertProblem(response, 431, ProblemTypes.HEADERS_TOO_LARGE);
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTargetOverTheContainerLimitIsRefusedByTheContainerBeforeTheGateway(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET " + VALID + "&pad=" + "x".repeat(20_000)
                + " HTTP/1.1\r\nHost: gw\r\nX-Tenant: acme\r\nConnection: close\r\n\r\n");
        assertEquals(container == ServletContainer.JETTY ? 414 : 400, response.status(), response.text());
        assertEquals(List.of("application/problem+json"), response.header("Content-Type"), "the container's error"
                + " handler answers in the gateway's format");
        assertFalse(response.text().contains("xxxxxxxxxx"), "the target is not echoed");
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void headersOverTheContainerLimitAreRefusedByTheContainerBeforeTheGateway(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET " + VALID + " HTTP/1.1\r\nHost: gw\r\n"
                + "X-Tenant: acme\r\nX-Pad: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertEquals(container == ServletContainer.JETTY ? 431 : 400, response.status(), response.text());
        assertEquals(List.of("application/problem+json"), response.header("Content-Type"), "the container's error"
                + " handler answers in the gateway's format");
        assertFalse(response.text().contains("xxxxxxxxxx"), "the header is not echoed");
        assertUpstreamNotCalled();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aMissingHeaderAndABadQueryParameterAreA400WithBothViolations(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.get(server.uri("/strict/items?version=three"));
        JsonNode problem = assertProblem(response, 400, ProblemTypes.VALIDATION_FAILED);
        JsonNode violations = problem.path("violations");
        assertEquals(2, violations.size(), violations.toString());
        assertEquals("/headers/X-Tenant is required", violations.get(0).path("pointer").asText() + " "
                + violations.get(0).path("message").asText());
        assertEquals("/query/version must be an integer", violations.get(1).path("pointer").asText() + " "
                + violations.get(1).path("message").asText());
        assertUpstreamNotCalled();
    }
}
