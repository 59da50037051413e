package dev.portcullis.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.validation.BodyLimits;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests built for interceptor tests carry what a gateway would fill in. */
class TestRequestTest {

    @Test
    void theTargetIsSplitAtTheFirstQuestionMarkWithNothingDecoded() {
        GatewayRequest request = TestRequest.get("/a%2Fb?x=%3F?y").build();

        assertEquals("GET", request.method());
        assertEquals("/a%2Fb", request.rawPath());
        assertEquals(Optional.of("x=%3F?y"), request.rawQuery());
        assertEquals(Optional.empty(), TestRequest.get("/plain").build().rawQuery());
    }

    @Test
    void defaultsAreAFreshIdTheTestAuthorityAndTheLoopbackClient() {
        GatewayRequest first = TestRequest.get("/x").build();
        GatewayRequest second = TestRequest.get("/x").build();

        assertTrue(first.id().startsWith("test-request-"), first.id());
        assertNotEquals(first.id(), second.id());
        assertEquals("gateway.test", first.authority());
        assertEquals("http", first.scheme());
        assertEquals(InetAddress.getLoopbackAddress(), first.clientAddress());
        assertEquals(InetAddress.getLoopbackAddress(), first.peerAddress());
    }

    @Test
    void aBodyComesWithItsContentLengthAndTypeAsAClientSendsIt() throws Exception {
        GatewayRequest request = TestRequest.post("/orders").header("X-A", "1").header("X-A", "2")
                .body("{\"q\":1}", "application/json").build();

        assertEquals(List.of("1", "2"), request.headers().all("X-A"));
        assertEquals(Optional.of("7"), request.headers().first("Content-Length"));
        assertEquals(Optional.of("application/json"), request.headers().first("Content-Type"));
        assertEquals(7, request.body().contentLength());
        assertEquals("{\"q\":1}", new String(BodyLimits.collect(request.body(), 100).toCompletableFuture()
                .get(5, TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void addressesAreIpLiteralsNeverLookedUp() throws Exception {
        GatewayRequest request = TestRequest.get("/x").clientAddress("2001:db8::1").peerAddress("10.0.0.2").build();

        assertEquals(InetAddress.getByName("2001:db8::1"), request.clientAddress());
        assertEquals(InetAddress.getByName("10.0.0.2"), request.peerAddress());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> TestRequest.get("/x").clientAddress("example.com"));
        assertTrue(name.getMessage().startsWith("clientAddress:"), name.getMessage());
    }

    @Test
    void attributesStandForWhatEarlierStagesSet() {
        AttributeKey<String> tenant = AttributeKey.of("tenant", String.class);

        GatewayRequest request = TestRequest.of("PATCH", "/x").attribute(tenant, "acme").id("r-1")
                .authority("api.example:8443").scheme("https").build();

        assertEquals(Optional.of("acme"), request.attribute(tenant));
        assertEquals("PATCH", request.method());
        assertEquals("r-1", request.id());
        assertEquals("api.example:8443", request.authority());
        assertEquals("https", request.scheme());
    }
}
