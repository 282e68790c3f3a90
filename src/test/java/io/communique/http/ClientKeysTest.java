package io.communique.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Which anonymous requests share a budget: ClientBudgetTest sends IPv4 only, as the test client can. */
class ClientKeysTest {

    @Test
    void anIpv4AddressIsOneClientWrittenEitherWay() {
        assertEquals("address 203.0.113.7", ClientKeys.address("203.0.113.7"));
        assertEquals("address 203.0.113.7", ClientKeys.address("::ffff:203.0.113.7"));
        assertNotEquals(ClientKeys.address("203.0.113.7"), ClientKeys.address("203.0.113.8"));
    }

    @Test
    void anIpv6HostsWhole64IsOneClient() {
        String one = ClientKeys.address("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("address 2001:db8:1:2:0:0:0:0/64", one);
        assertEquals(one, ClientKeys.address("2001:db8:1:2::1"), "another address of the same /64");
        assertEquals(one, ClientKeys.address("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
        assertNotEquals(one, ClientKeys.address("2001:db8:1:3::1"), "the next /64 is another client");
    }

    @Test
    void noAddressIsOneClientNamedSo() {
        assertEquals("address unknown", ClientKeys.address(null));
        assertEquals("address unknown", ClientKeys.address(""));
    }
}
