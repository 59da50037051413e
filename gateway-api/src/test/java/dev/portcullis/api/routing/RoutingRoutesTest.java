package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingRoutesTest {
    private static final Route ADMIN = Route.builder("admin").path("/api/admin/**")
            .upstream("http://127.0.0.1:9002").build();
    private static final Route API = Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9001").build();
    private static final Route LEGACY = Route.builder("legacy").path("/old/**").upstream("http://127.0.0.1:9003").build();

    @Test
    void thePipelineListsTheRoutesOfEveryRoutingStageInStageThenMatchOrder() {
        Interceptor other = Interceptor.named("Other", chain -> chain.proceed(chain.request()));
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(ADMIN, API)))
                .add(other)
                .add(Routing.interceptor(RouteTable.of(LEGACY)))
                .build();

        assertEquals(List.of(ADMIN, API, LEGACY), Routing.routes(pipeline));
    }

    @Test
    void aRouterThatCannotListItsRoutesContributesNone() {
        Router custom = request -> Optional.empty();
        Pipeline pipeline = Pipeline.builder().add(Routing.interceptor(custom)).build();

        assertTrue(Routing.routes(pipeline).isEmpty());
        assertTrue(custom.routes().isEmpty());
    }

    @Test
    void theRoutingStageNamesItsRouter() {
        RouteTable table = RouteTable.of(API);

        assertSame(table, Routing.interceptor(table).router());
        assertEquals("Routing", Routing.interceptor(table).name());
    }

    @Test
    void everyInstanceIsReportedAsConfiguredUntilSomethingObservesIt() {
        Upstream instance = API.upstreams().instances().get(0);

        assertEquals("configured", InstanceStates.CONFIGURED_ONLY.state(API, instance));
    }
}
