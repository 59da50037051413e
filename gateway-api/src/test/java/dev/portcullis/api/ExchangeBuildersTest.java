package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExchangeBuildersTest {
    private static final AttributeKey<String> TAG = AttributeKey.of("tag", String.class);

    @Test
    void aRequestKeepsItsRawPathAndQueryUntouched() {
        GatewayRequest request = TestRequests.builder("GET", "/files/a%2Fb%20c").rawQuery("q=%41&x").build();

        assertEquals("GET", request.method());
        assertEquals("/files/a%2Fb%20c", request.rawPath());
        assertEquals(Optional.of("q=%41&x"), request.rawQuery());
        assertEquals("/files/a%2Fb%20c?q=%41&x", request.rawPathAndQuery());
    }

    @Test
    void aRequestWithoutAQueryHasNone() {
        GatewayRequest request = TestRequests.get("/x");

        assertEquals(Optional.empty(), request.rawQuery());
        assertEquals("/x", request.rawPathAndQuery());
    }

    @Test
    void theRequestBuilderNamesTheMissingValue() {
        NullPointerException failure = assertThrows(NullPointerException.class,
                () -> TestRequests.builder("GET", "/").authority(null).build());

        assertEquals("authority", failure.getMessage());
    }

    @Test
    void aPathNotStartingWithSlashIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TestRequests.builder("GET", "x").build());
    }

    @Test
    void thePeerDefaultsToTheClient() {
        GatewayRequest request = TestRequests.get("/");

        assertEquals(InetAddress.getLoopbackAddress(), request.peerAddress());
    }

    @Test
    void withAttributeCopiesTheRequestAndLeavesTheOriginal() {
        GatewayRequest original = TestRequests.get("/");
        GatewayRequest tagged = original.withAttribute(TAG, "t");

        assertEquals(Optional.of("t"), tagged.attribute(TAG));
        assertEquals(Optional.empty(), original.attribute(TAG));
        assertEquals(original.rawPath(), tagged.rawPath());
    }

    @Test
    void aResponseHeaderIsSetOnACopy() {
        GatewayResponse original = GatewayResponse.builder(200).header("X-A", "1").header("X-A", "2").build();
        GatewayResponse changed = original.withHeader("x-a", "3");

        assertEquals(2, original.headers().all("X-A").size());
        assertEquals(java.util.List.of("3"), changed.headers().all("X-A"));
    }

    @Test
    void aResponseStatusMustBeThreeDigits() {
        assertThrows(IllegalArgumentException.class, () -> GatewayResponse.builder(99).build());
        assertThrows(IllegalArgumentException.class, () -> GatewayResponse.builder(1000).build());
    }

    @Test
    void passToApplicationIsAMarkerWithoutStatus() {
        GatewayResponse pass = GatewayResponse.passToApplication();

        assertTrue(pass.passesToApplication());
        assertEquals(0, pass.status());
        assertFalse(GatewayResponse.builder(204).build().passesToApplication());
    }

    @Test
    void headersAddedToPassToApplicationKeepItAMarker() {
        GatewayResponse pass = GatewayResponse.passToApplication().withHeader("X-Request-Id", "r1");

        assertTrue(pass.passesToApplication());
        assertEquals(Optional.of("r1"), pass.headers().first("x-request-id"));
    }
}
