package dev.portcullis.servlet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import jakarta.servlet.Filter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin view, mounted on its own in both containers, read over real sockets from 127.0.0.1. */
class AdminServletTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    /** The admin servlet is mounted on its own: nothing runs in front of it. */
    private static final Filter NOTHING_IN_FRONT = (request, response, chain) -> chain.doFilter(request, response);

    private final Gateway gateway = Gateway.builder()
            .pipeline(Pipeline.builder()
                    .add(Routing.interceptor(RouteTable.of(
                            Route.builder("orders").path("/orders/**").upstream("http://10.0.0.5:8080", 3)
                                    .upstream("http://10.0.0.6:8080/v2").connectTimeout(Duration.ofMillis(500))
                                    .build(),
                            Route.builder("users").path("/users/{id}").upstream("https://users.internal").build())))
                    .add(Interceptor.named("Audit", chain -> chain.proceed(chain.request())))
                    .build())
            .build();

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    private static HttpResponse<String> get(RunningServer server, String path, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request.build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(type, JSON.readTree(response.body()).path("type").asText());
        assertFalse(response.body().contains("orders"), "a refusal shows nothing of the gateway");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void theViewListsTheVersionTheStagesAndEveryRouteWithItsInstancesAndTheirState(ServletContainer container)
            throws Exception {
        AdminServlet admin = AdminServlet.builder(gateway).allowFrom("127.0.0.1/32").configVersion(() -> "v7")
                .instanceStates((route, instance) -> instance.weight() == 3 ? "healthy" : "configured").build();
        try (RunningServer server = container.start(NOTHING_IN_FRONT, admin)) {
            HttpResponse<String> response = get(server, "/", null);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
            JsonNode view = JSON.readTree(response.body());
            assertEquals("v7", view.path("configVersion").asText());
            assertTrue(view.path("ready").asBoolean());
            assertEquals("[\"Routing\",\"Audit\"]", view.path("pipeline").toString());
            JsonNode orders = view.path("routes").get(0);
            assertEquals("orders", orders.path("id").asText());
            assertEquals("/orders/**", orders.path("path").asText());
            assertEquals(500, orders.path("connectTimeoutMs").asLong());
            assertEquals("[{\"uri\":\"http://10.0.0.5:8080\",\"weight\":3,\"state\":\"healthy\"},"
                    + "{\"uri\":\"http://10.0.0.6:8080/v2\",\"weight\":1,\"state\":\"configured\"}]",
                    orders.path("upstreams").toString());
            assertEquals("/users/{id}", view.path("routes").get(1).path("path").asText());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPeerOutsideTheAllowedBlocksGets403OnEveryPathEvenOneThatDoesNotExist(ServletContainer container)
            throws Exception {
        AdminServlet admin = AdminServlet.builder(gateway).allowFrom("10.0.0.0/8", "::1/128").build();
        try (RunningServer server = container.start(NOTHING_IN_FRONT, admin)) {
            for (String path : new String[] {"/", "/live", "/ready", "/no-such-thing"}) {
                assertProblem(get(server, path, null), 403, "https://portcullis.dev/problems/ip-denied");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aCallerWithoutTheRightBearerTokenGets401WithAChallenge(ServletContainer container) throws Exception {
        AdminServlet admin = AdminServlet.builder(gateway).bearerToken(TOKEN).build();
        try (RunningServer server = container.start(NOTHING_IN_FRONT, admin)) {
            for (String authorization : new String[] {null, "Bearer wrong-token-0123456789", "Basic " + TOKEN,
                "Bearer " + TOKEN.substring(1)}) {
                HttpResponse<String> refused = get(server, "/", authorization);
                assertProblem(refused, 401, "https://portcullis.dev/problems/unauthorized");
                assertEquals("Bearer realm=\"portcullis-admin\"",
                        refused.headers().firstValue("WWW-Authenticate").orElseThrow());
            }
            assertEquals(200, get(server, "/", "bearer " + TOKEN).statusCode());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void withBothRulesTheRightTokenFromAnAddressOutsideTheBlocksIsStillRefused(ServletContainer container)
            throws Exception {
        AdminServlet admin = AdminServlet.builder(gateway).allowFrom("10.0.0.0/8").bearerToken(TOKEN).build();
        AdminServlet local = AdminServlet.builder(gateway).allowFrom("127.0.0.0/8").bearerToken(TOKEN).build();
        try (RunningServer server = container.start(NOTHING_IN_FRONT, admin);
             RunningServer localServer = container.start(NOTHING_IN_FRONT, local)) {
            assertProblem(get(server, "/", "Bearer " + TOKEN), 403, "https://portcullis.dev/problems/ip-denied");
            assertProblem(get(localServer, "/", null), 401, "https://portcullis.dev/problems/unauthorized");
            assertEquals(200, get(localServer, "/", "Bearer " + TOKEN).statusCode());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void readinessFollowsItsCheckWhileLivenessStaysUp(ServletContainer container) throws Exception {
        AtomicBoolean draining = new AtomicBoolean();
        AdminServlet admin = AdminServlet.builder(gateway).allowFrom("127.0.0.1/32")
                .readiness(() -> !draining.get()).build();
        try (RunningServer server = container.start(NOTHING_IN_FRONT, admin)) {
            assertEquals(200, get(server, "/ready", null).statusCode());
            draining.set(true);

            HttpResponse<String> ready = get(server, "/ready", null);
            assertEquals(503, ready.statusCode());
            assertEquals("{\"status\":\"DOWN\"}", ready.body());
            assertEquals("{\"status\":\"UP\"}", get(server, "/live", null).body());
            assertFalse(JSON.readTree(get(server, "/", null).body()).path("ready").asBoolean());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anExtraEndpointAnswersBehindTheSameRulesAndUnknownPathsAndMethodsAreProblems(ServletContainer container)
            throws Exception {
        AdminServlet admin = AdminServlet.builder(gateway).bearerToken(TOKEN)
                .endpoint("metrics", "text/plain; version=0.0.4; charset=utf-8", () -> "up 1\n").build();
        try (RunningServer server = container.start(NOTHING_IN_FRONT, admin)) {
            HttpResponse<String> metrics = get(server, "/metrics", "Bearer " + TOKEN);
            assertEquals(200, metrics.statusCode());
            assertEquals("up 1\n", metrics.body());
            assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            assertEquals(401, get(server, "/metrics", null).statusCode());
            HttpResponse<String> missing = get(server, "/routes", "Bearer " + TOKEN);
            assertEquals(404, missing.statusCode());
            HttpResponse<String> post = Http.send(HttpRequest.newBuilder(server.uri("/"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(405, post.statusCode());
            assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
        }
    }

    @Test
    void aViewWithoutAnAccessRuleIsRefusedAtBuildBecauseItDeniesByDefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdminServlet.builder(gateway).configVersion(() -> "v1").build());

        assertTrue(e.getMessage().startsWith("allowFrom/bearerToken"), e.getMessage());
    }

    @Test
    void aShortTokenABadBlockAndATakenEndpointNameAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminServlet.builder(gateway)
                .bearerToken("short")).getMessage().startsWith("bearerToken"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminServlet.builder(gateway)
                .allowFrom("10.0.0.1/8")).getMessage().startsWith("allowFrom"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminServlet.builder(gateway)
                .endpoint("ready", "text/plain", () -> "")).getMessage().startsWith("endpoint"));
    }
}
