package dev.portcullis.core.ipfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The one CIDR implementation, used by IP rules and by the trusted-proxy list. */
class CidrRangeTest {

    @Test
    void anIpv4RangeDoesNotMatchAnIpv6AddressOrTheReverse() throws Exception {
        assertFalse(CidrRange.parse("0.0.0.0/0").contains(InetAddress.getByName("::1")));
        assertFalse(CidrRange.parse("::/0").contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void anIpv4MappedIpv6AddressIsMatchedAsTheIpv4AddressItCarries() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, null);
        assertTrue(CidrRange.parse("10.0.0.0/8").contains(address));
        assertFalse(CidrRange.parse("11.0.0.0/8").contains(address));
        assertFalse(IpFilter.builder().deny("10.0.0.0/8").build().permits(address));
    }

    @Test
    void aPrefixThatSplitsAByteComparesOnlyTheLeadingBits() throws Exception {
        CidrRange range = CidrRange.parse("10.0.0.0/12");
        assertTrue(range.contains(InetAddress.getByName("10.15.255.255")));
        assertFalse(range.contains(InetAddress.getByName("10.16.0.0")));
    }

    @Test
    void malformedRangesFailAtBuildNamingTheText() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("example.com/8"))
                .getMessage().contains("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("10.0.0.1/8"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("2001:db8::/129"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("1.2.3"));
    }

    @Test
    void cidrBlocksMatchIpv4AndIpv6ByPrefix() throws Exception {
        assertTrue(CidrRange.parse("10.0.0.0/8").contains(InetAddress.getByName("10.255.1.2")));
        assertEquals(false, CidrRange.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.1")));
        assertTrue(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5")));
        assertEquals(false, CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("10.0.0.1")));
        assertTrue(CidrRange.parse("192.168.1.7").contains(InetAddress.getByName("192.168.1.7")));
        assertEquals(false, CidrRange.parse("192.168.1.0/25").contains(InetAddress.getByName("192.168.1.200")));
    }
}
