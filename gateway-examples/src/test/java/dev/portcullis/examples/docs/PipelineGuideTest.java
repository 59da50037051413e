package dev.portcullis.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The interceptor docs/pipeline.md shows, run as written there. */
class PipelineGuideTest {

    @Test
    void theTimingInterceptorStampsGatewayMadeResponsesButNotOnesForTheApplication() throws Exception {
        Pipeline pipeline = Pipeline.builder().add(PipelineGuide.timing()).build();
        GatewayRequest request = GatewayRequest.builder().id("r").method("GET").authority("gw")
                .rawPath("/x").clientAddress(InetAddress.getLoopbackAddress()).build();

        GatewayResponse proxied = pipeline.execute(request,
                r -> CompletableFuture.completedFuture(GatewayResponse.builder(200).build()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        GatewayResponse toApp = pipeline.execute(request,
                r -> CompletableFuture.completedFuture(GatewayResponse.passToApplication()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertTrue(proxied.headers().first("Server-Timing").orElseThrow().startsWith("gw;dur="));
        assertTrue(toApp.headers().first("Server-Timing").isEmpty());
    }
}
