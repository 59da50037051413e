package dev.portcullis.core.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.HttpHeaders;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedResolverTest {
    private static final TrustedProxies TRUSTED = TrustedProxies.of(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));
    private static final ForwardedResolver RESOLVER = new ForwardedResolver(TRUSTED, false);
    private static final ForwardedResolver RFC7239 = new ForwardedResolver(TRUSTED, true);

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }

    private static ClientOrigin resolve(String peer, HttpHeaders headers) {
        return RESOLVER.resolve(ip(peer), headers, "http", "gw.internal:8080");
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        ClientOrigin origin = resolve("198.51.100.7", HttpHeaders.builder()
                .add("X-Forwarded-For", "1.2.3.4").add("X-Forwarded-Proto", "https")
                .add("Forwarded", "for=5.6.7.8;proto=https").build());
        assertEquals(new ClientOrigin(ip("198.51.100.7"), "http", "gw.internal:8080"), origin);
    }

    @Test
    void theClientIsTheRightmostUntrustedHopOfXForwardedFor() {
        ClientOrigin origin = resolve("10.0.0.2", HttpHeaders.builder()
                .add("X-Forwarded-For", "6.6.6.6, 203.0.113.9").add("X-Forwarded-For", "10.1.1.1").build());
        assertEquals(ip("203.0.113.9"), origin.address());
    }

    @Test
    void schemeHostAndPortComeFromATrustedProxy() {
        ClientOrigin origin = resolve("10.0.0.2", HttpHeaders.builder().add("X-Forwarded-For", "203.0.113.9")
                .add("X-Forwarded-Proto", "https").add("X-Forwarded-Host", "shop.example")
                .add("X-Forwarded-Port", "8443").build());
        assertEquals(new ClientOrigin(ip("203.0.113.9"), "https", "shop.example:8443"), origin);
    }

    @Test
    void malformedForwardedValuesAreIgnored() {
        ClientOrigin origin = resolve("10.0.0.2", HttpHeaders.builder().add("X-Forwarded-For", "unknown")
                .add("X-Forwarded-Proto", "gopher").add("X-Forwarded-Host", "evil\"host").build());
        assertEquals(new ClientOrigin(ip("10.0.0.2"), "http", "gw.internal:8080"), origin);
    }

    @Test
    void withTheForwardedFamilyOnlyForwardedIsReadAndQuotedIpv6IsUnderstood() {
        ClientOrigin origin = RFC7239.resolve(ip("10.0.0.2"), HttpHeaders.builder().add("X-Forwarded-For", "9.9.9.9")
                .add("X-Forwarded-Host", "evil.example")
                .add("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https;host=api.example, for=10.3.3.3").build(),
                "http", "gw.internal:8080");
        assertEquals(new ClientOrigin(ip("2001:db8::1"), "https", "api.example"), origin);
    }

    @Test
    void withTheXForwardedFamilyAForwardedHeaderTheClientSentIsIgnored() {
        ClientOrigin origin = resolve("10.0.0.2", HttpHeaders.builder().add("Forwarded", "for=6.6.6.6;host=evil")
                .add("X-Forwarded-For", "203.0.113.7").build());
        assertEquals(new ClientOrigin(ip("203.0.113.7"), "http", "gw.internal:8080"), origin);
    }

    @Test
    void protoAndHostComeFromTheClientsHopNotFromValuesTheClientPrepended() {
        ClientOrigin appended = resolve("10.0.0.2", HttpHeaders.builder()
                .add("X-Forwarded-For", "6.6.6.6, 203.0.113.7").add("X-Forwarded-Proto", "http, https")
                .add("X-Forwarded-Host", "evil.example, shop.example").build());
        assertEquals(new ClientOrigin(ip("203.0.113.7"), "https", "shop.example"), appended);
        ClientOrigin singleValues = resolve("10.0.0.2", HttpHeaders.builder()
                .add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-Host", "evil.example, shop.example").build());
        assertEquals("shop.example", singleValues.authority());
    }

    @Test
    void obfuscatedForwardedNodesStopTheWalk() {
        ClientOrigin origin = RFC7239.resolve(ip("10.0.0.2"), HttpHeaders.builder()
                .add("Forwarded", "for=203.0.113.1, for=_hidden, for=10.4.4.4").build(), "http", "gw.internal:8080");
        assertEquals(ip("10.4.4.4"), origin.address());
    }

    @Test
    void theAddressStandingInForANonIpPeerIsNeverTrustedEvenWhenEverythingIs() {
        TrustedProxies everyone = TrustedProxies.of(List.of("0.0.0.0/0", "::/0"));
        assertFalse(everyone.trusts(TrustedProxies.UNKNOWN_PEER));
        assertFalse(everyone.trusts(ip("::")));
        assertTrue(everyone.trusts(ip("203.0.113.7")));
    }

    @Test
    void badTrustedProxyEntriesFailNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of(List.of("10.0.0.0/33")));
        assertTrue(e.getMessage().startsWith("trustedProxies:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.example.com")));
    }

    @Test
    void aTrustedProxyBlockWithHostBitsSetFailsNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of(List.of("10.0.0.1/8")));
        assertTrue(e.getMessage().startsWith("trustedProxies:") && e.getMessage().contains("10.0.0.1/8"),
                e.getMessage());
    }
}
