package dev.portcullis.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.servlet.GatewayFilter;
import org.junit.jupiter.api.Test;

/**
 * The guides' fragments that need no network, file or server are built as written, so a setting a builder refuses
 * (a bad pattern, a timeout out of range) fails here, not in a reader's application.
 */
class GuidesBuildTest {

    @Test
    void theRoutingGuideBuildsItsRouteTablesAndPipeline() {
        assertEquals("Routing", RoutingGuide.routes().describe());
        assertEquals(2, RoutingGuide.loadBalancers().routes().size());
    }

    @Test
    void theProxyGuideBuildsItsFilter() {
        GatewayFilter filter = ProxyGuide.filter();
        filter.destroy();
    }
}
