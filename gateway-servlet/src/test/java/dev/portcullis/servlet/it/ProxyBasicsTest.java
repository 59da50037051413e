package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.routing.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyBasicsTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void unroutedRequestReachesTheApplicationAfterPassingTheStages(ServletContainer container) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Interceptor counting = chain -> {
            seen.incrementAndGet();
            return chain.proceed(chain.request());
        };
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.builder(List.of(counting),
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()).build(),
                     new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/hello/world?x=1"));
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("app GET /hello/world?x=1\nuser=-"), response.body());
            assertEquals(1, seen.get());
            assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void applicationSeesThePrincipalAfterAnAsynchronousStage(ServletContainer container) throws Exception {
        Executor later = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);
        Interceptor slowAuth = chain -> CompletableFuture.supplyAsync(() -> chain.request().withAttribute(
                GatewayPrincipal.ATTRIBUTE, GatewayPrincipal.builder("alice", "test").roles(Set.of("admin")).build()),
                later).thenCompose(chain::proceed);
        try (RunningServer server = container.start(Gateways.builder(List.of(slowAuth)).build(), new AppServlet())) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/me"))
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build());
            assertEquals(200, response.statusCode());
            assertEquals("app POST /me\nuser=alice\npayload", response.body());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void routedGetIsProxiedToTheUpstream(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/api/**").stripPrefix(1).upstream(upstream.baseUri()).build()),
                     new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/users/7?sort=name"));
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("GET /users/7?sort=name\n"), response.body());
            assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(),
                    response.body().lines().filter(l -> l.startsWith("x-request-id: ")).findFirst().orElseThrow()
                            .substring("x-request-id: ".length()));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void routedPostIsProxiedWithItsBody(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()), new AppServlet())) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/api/orders"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":3}")).build());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("POST /api/orders\n"), response.body());
            assertTrue(response.body().contains("content-length: 9\n"), response.body());
            assertTrue(response.body().endsWith("\n\n{\"qty\":3}"), response.body());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aStageThatAnswersItselfShortCircuitsWithItsResponse(ServletContainer container) throws Exception {
        Interceptor teapot = chain -> CompletableFuture.completedFuture(GatewayResponse.builder(418)
                .header("Content-Type", "text/plain").body(dev.portcullis.api.Body.of("short")).build());
        try (RunningServer server = container.start(Gateways.builder(List.of(teapot)).build(), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/anything"));
            assertEquals(418, response.statusCode());
            assertEquals("short", response.body());
        }
    }
}
