package dev.portcullis.servlet;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Pipeline;
import org.junit.jupiter.api.Test;

class GatewayFilterBuilderTest {

    @Test
    void buildFailsWithoutAPipelineNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayFilter.builder().build());
        assertTrue(e.getMessage().startsWith("pipeline:"), e.getMessage());
    }

    @Test
    void buildFailsOnAMalformedTrustedProxyNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayFilter.builder()
                .pipeline(Pipeline.builder().build()).trustedProxies("10.0.0.0/8", "not-a-cidr").build());
        assertTrue(e.getMessage().startsWith("trustedProxies:") && e.getMessage().contains("not-a-cidr"),
                e.getMessage());
    }

    @Test
    void buildFailsOnARequestIdHeaderThatIsNoTokenNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayFilter.builder()
                .pipeline(Pipeline.builder().build()).requestIdHeader("X Request Id").build());
        assertTrue(e.getMessage().startsWith("requestIdHeader:"), e.getMessage());
    }

    @Test
    void buildFailsOnAResponseHeadCapBelow256NamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayFilter.builder()
                .pipeline(Pipeline.builder().build()).maxUpstreamResponseHeadBytes(100).build());
        assertTrue(e.getMessage().startsWith("maxUpstreamResponseHeadBytes:"), e.getMessage());
    }
}
