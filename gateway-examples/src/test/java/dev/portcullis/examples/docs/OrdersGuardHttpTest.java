package dev.portcullis.examples.docs;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.test.Container;
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.RecordingUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrdersGuardHttpTest {
    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @RegisterExtension
    static final GatewayExtension GATEWAY = GatewayExtension.of(() -> Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(
                    Route.builder("orders").path("/orders/**").upstream(UPSTREAM.baseUri()).build())))
            .add(RequestGuards.interceptor(GuardPolicy.builder().maxBodyBytes(1024).build()))
            .build());

    @ParameterizedTest
    @EnumSource(Container.class)           // Jetty 12 and Tomcat 11
    void anOversizedBodyIsA413AndTheUpstreamGetsNothing(Container container) throws Exception {
        HttpResponse<String> response = GATEWAY.in(container).send(GATEWAY.in(container).request("/orders")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2000))).build());

        assertThatProblem(response).hasStatus(413).hasType(ProblemTypes.PAYLOAD_TOO_LARGE).hasRequestId();
        assertEquals(0, UPSTREAM.requestCount());
    }
}
