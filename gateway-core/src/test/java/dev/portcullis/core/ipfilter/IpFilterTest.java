package dev.portcullis.core.ipfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.testing.RecordingUpstream;
import dev.portcullis.core.testing.TestRequests;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpFilterTest {
    private final IpFilter filter = IpFilter.builder()
            .allow("192.0.2.0/24", "2001:db8:1::/48")
            .deny("192.0.2.66", "2001:db8:1:bad::/64")
            .build();

    @Test
    void anIpv6AddressInsideTheAllowedPrefixPasses() throws Exception {
        assertTrue(filter.permits(InetAddress.getByName("2001:db8:1:ffff::7")));
    }

    @Test
    void anIpv6AddressInADeniedSubPrefixIsRefused() throws Exception {
        assertFalse(filter.permits(InetAddress.getByName("2001:db8:1:bad::1")));
        assertFalse(filter.permits(InetAddress.getByName("2001:db8:2::1")));
    }

    @Test
    void aDeniedClientIsAnswered403WithoutReachingTheUpstream() throws Exception {
        RecordingUpstream upstream = new RecordingUpstream();
        GatewayResponse response = Pipeline.builder().add(filter.interceptor()).build()
                .execute(TestRequests.request("GET", "/x").clientAddress(InetAddress.getByName("192.0.2.66"))
                        .build(), upstream).toCompletableFuture().join();
        assertEquals(403, response.status());
        assertEquals(ProblemTypes.IP_DENIED, response.problem().orElseThrow().type());
        assertNull(upstream.received());
    }

    @Test
    void anAllowedClientReachesTheUpstream() throws Exception {
        RecordingUpstream upstream = new RecordingUpstream();
        GatewayResponse response = Pipeline.builder().add(filter.interceptor()).build()
                .execute(TestRequests.request("GET", "/x").clientAddress(InetAddress.getByName("192.0.2.7"))
                        .build(), upstream).toCompletableFuture().join();
        assertEquals(200, response.status());
    }
}
