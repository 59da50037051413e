package dev.portcullis.core.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Upstream;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderHygieneTest {

    @Test
    void hopByHopHeadersAndThoseNamedInConnectionAreRemoved() {
        HttpHeaders in = HttpHeaders.builder()
                .add("Connection", "keep-alive, X-Secret").add("connection", "x-other")
                .add("Keep-Alive", "300").add("TE", "trailers").add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c").add("Proxy-Authorization", "Basic x").add("Proxy-Connection", "close")
                .add("Trailer", "X-Sum").add("X-Secret", "1").add("X-Other", "2").add("Accept", "a").add("Accept", "b")
                .build();
        HttpHeaders out = HeaderHygiene.endToEnd(in);
        assertEquals(List.of("Accept"), List.copyOf(out.names()));
        assertEquals(List.of("a", "b"), out.all("accept"));
    }

    @Test
    void headersWithNothingHopByHopAreReturnedWithoutACopy() {
        HttpHeaders in = HttpHeaders.builder().add("Accept", "a").add("X-Trailer-Id", "1").add("TEN", "x").build();
        assertSame(in, HeaderHygiene.endToEnd(in));
        assertEquals(true, HeaderHygiene.isHopByHop("transfer-ENCODING"));
        assertEquals(false, HeaderHygiene.isHopByHop("Transfer"));
    }

    @Test
    void forwardingHeadersAreReplacedForAnUntrustedPeerAndOnlyTheTrustedFamilyIsExtended() throws Exception {
        GatewayRequest request = GatewayRequest.builder().id("r1").method("GET").scheme("https")
                .authority("shop.example").rawPath("/x").clientAddress(InetAddress.getByName("2001:db8::1"))
                .peerAddress(InetAddress.getByName("2001:db8::1")).build();
        HttpHeaders incoming = HttpHeaders.builder().add("X-Forwarded-For", "6.6.6.6").add("Forwarded", "for=6.6.6.6")
                .add("Via", "1.0 edge").build();
        ForwardingHeaders forwarding = new ForwardingHeaders("portcullis", false);
        HttpHeaders untrusted = forwarding.apply(request, incoming, incoming.toBuilder(), false).build();
        assertEquals(List.of("[2001:db8:0:0:0:0:0:1]"), untrusted.all("X-Forwarded-For"));
        assertEquals(List.of("for=\"[2001:db8:0:0:0:0:0:1]\";proto=https;host=shop.example"), untrusted.all("Forwarded"));
        assertEquals(List.of("443"), untrusted.all("X-Forwarded-Port"));
        assertEquals(List.of("1.0 edge", "1.1 portcullis"), untrusted.all("Via"));
        HttpHeaders trusted = forwarding.apply(request, incoming, incoming.toBuilder(), true).build();
        assertEquals(List.of("6.6.6.6, [2001:db8:0:0:0:0:0:1]"), trusted.all("X-Forwarded-For"));
        assertEquals(List.of("for=\"[2001:db8:0:0:0:0:0:1]\";proto=https;host=shop.example"),
                trusted.all("Forwarded"));
        HttpHeaders rfc7239 = new ForwardingHeaders("portcullis", true)
                .apply(request, incoming, incoming.toBuilder(), true).build();
        assertEquals(List.of("[2001:db8:0:0:0:0:0:1]"), rfc7239.all("X-Forwarded-For"));
        assertEquals(List.of("for=6.6.6.6, for=\"[2001:db8:0:0:0:0:0:1]\";proto=https;host=shop.example"),
                rfc7239.all("Forwarded"));
    }

    @Test
    void upstreamUrisAreConcatenatedByteForByteAndAPathCannotBecomeTheAuthority() {
        Upstream upstream = Upstream.of("http://10.0.0.5:8080/v2/");
        assertEquals("http://10.0.0.5:8080/v2/a%2Fb%25c?x=%3F&y",
                UpstreamUris.build(upstream, "/a%2Fb%25c", "x=%3F&y").toString());
        assertEquals("10.0.0.5:8080", UpstreamUris.build(Upstream.of("http://10.0.0.5:8080"), "//evil.example/x", null)
                .getRawAuthority());
        assertEquals("//evil.example/x", UpstreamUris.build(Upstream.of("http://10.0.0.5:8080"), "//evil.example/x",
                null).getRawPath());
        assertThrows(IllegalArgumentException.class, () -> UpstreamUris.build(upstream, "/a b", null));
    }

    @Test
    void upstreamFailuresMapToStatusesWithoutNamingTheUpstream() {
        assertEquals(504, UpstreamFailures.toProblem(new java.net.http.HttpConnectTimeoutException("10.0.0.5"))
                .orElseThrow().status());
        assertEquals(502, UpstreamFailures.toProblem(new java.util.concurrent.CompletionException(
                new java.net.ConnectException("10.0.0.5:8080"))).orElseThrow().status());
        assertEquals(false, UpstreamFailures.toProblem(new java.net.ConnectException("10.0.0.5:8080"))
                .orElseThrow().detail().orElseThrow().contains("10.0.0.5"));
        assertEquals(java.util.Optional.empty(), UpstreamFailures.toProblem(new IllegalStateException("bug")));
    }
}
