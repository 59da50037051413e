package dev.portcullis.examples.custom;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.test.Answer;
import dev.portcullis.test.Container;
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.InterceptorRunner;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import dev.portcullis.test.RunResult;
import dev.portcullis.test.TestRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TenantInterceptorHttpTest {
    @RegisterExtension                     // a real upstream on a free port: records requests, answers as told
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @RegisterExtension                     // the real GatewayFilter in an embedded container, one per class
    static final GatewayExtension GATEWAY = GatewayExtension.of(() -> Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(Route.builder("orders")
                    .path("/api/orders/**").stripPrefix(1).upstream(UPSTREAM.baseUri()).build())))
            .add(TenantInterceptor.builder().tenants("acme", "globex").build())
            .build());

    @ParameterizedTest
    @EnumSource(Container.class)           // Jetty 12 and Tomcat 11; GATEWAY.get(...) alone uses Jetty
    void aKnownTenantIsForwardedInItsCanonicalSpelling(Container container) throws Exception {
        UPSTREAM.answer(Answer.of(200).header("Content-Type", "application/json").body("{\"id\":7}"));

        HttpResponse<String> response = GATEWAY.in(container).get("/api/orders/7?page=2", "X-Tenant", "ACME");

        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":7}", response.body());
        RecordedRequest forwarded = UPSTREAM.awaitRequests(1, Duration.ofSeconds(5)).get(0);
        assertEquals("/orders/7?page=2", forwarded.target());
        assertEquals(Optional.of("acme"), forwarded.headers().first("X-Tenant"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anUnknownTenantGetsA403ProblemAndTheUpstreamNothing(Container container) throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).get("/api/orders/7", "X-Tenant", "initech");

        assertThatProblem(response).hasStatus(403).hasType(TenantInterceptor.UNKNOWN_TENANT).hasRequestId();
        assertEquals(0, UPSTREAM.requestCount());
    }

    @Test
    void withoutAContainerARoutedRequestWithoutATenantIsA400() {
        InterceptorRunner runner = InterceptorRunner.of(
                Routing.interceptor(RouteTable.of(
                        Route.builder("orders").path("/api/**").upstream("http://127.0.0.1:9").build())),
                TenantInterceptor.builder().tenants("acme").build());

        RunResult result = runner.run(TestRequest.get("/api/orders/7").build());

        assertThatProblem(result).hasStatus(400).hasType(TenantInterceptor.TENANT_REQUIRED).hasRequestId();
        assertEquals(Optional.of("TenantInterceptor"), result.answeredBy());
    }
}
