package dev.citadel.egress.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecialAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, this-network", "0.255.255.255, this-network",
            "10.0.0.1, private-use", "10.255.255.255, private-use",
            "100.64.0.1, shared-address-space", "100.127.255.255, shared-address-space",
            "127.0.0.1, loopback", "127.0.0.77, loopback", "127.255.255.254, loopback",
            "169.254.169.254, link-local",
            "172.16.0.1, private-use", "172.31.255.255, private-use",
            "192.0.0.8, ietf-protocol-assignments",
            "192.0.2.1, documentation", "198.51.100.7, documentation", "203.0.113.9, documentation",
            "192.31.196.1, as112", "192.52.193.1, amt", "192.175.48.1, direct-delegation-as112",
            "192.88.99.1, 6to4-relay-anycast",
            "192.168.1.1, private-use",
            "198.18.0.1, benchmarking", "198.19.255.255, benchmarking",
            "224.0.0.1, multicast", "239.255.255.250, multicast",
            "240.0.0.1, reserved", "255.255.255.254, reserved", "255.255.255.255, reserved",
            "::, unspecified",
            "::1, loopback",
            "::7f00:1, ipv4-compatible",
            "64:ff9b::7f00:1, ipv4-ipv6-translation", "64:ff9b:1::1, local-use-ipv4-ipv6-translation",
            "100::1, discard-only",
            "2001::1, ietf-protocol-assignments", "2001:1ff::1, ietf-protocol-assignments",
            "2001:db8::1, documentation",
            "2002:7f00:1::1, 6to4",
            "3fff::1, documentation",
            "5f00::1, segment-routing-sids",
            "fc00::1, unique-local", "fd12:3456::1, unique-local",
            "fe80::1, link-local", "febf::1, link-local",
            "fec0::1, site-local",
            "ff02::1, multicast",
    })
    void namesTheRegistryBlockOfEverySpecialAddress(String address, String block) throws Exception {
        assertThat(SpecialAddresses.classify(InetAddress.getByName(address))).contains(block);
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0", "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.0.1.255",
            "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "2001:200::1", "2606:4700::1111", "2a00:1450::1", "64:ff9a::1"})
    void leavesPublicAddressesAlone(String address) throws Exception {
        assertThat(SpecialAddresses.classify(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void refusesIpv4MappedIpv6WhateverItEmbeds() throws Exception {
        byte[] mappedPublic = new byte[16];
        mappedPublic[10] = (byte) 0xff;
        mappedPublic[11] = (byte) 0xff;
        mappedPublic[12] = 8;
        mappedPublic[13] = 8;
        mappedPublic[14] = 8;
        mappedPublic[15] = 8;
        assertThat(SpecialAddresses.classify(Inet6Address.getByAddress(null, mappedPublic, null)))
                .contains("ipv4-mapped");
        mappedPublic[12] = 127;
        assertThat(SpecialAddresses.classify(Inet6Address.getByAddress(null, mappedPublic, null)))
                .contains("ipv4-mapped");
    }

    @Test
    void classifiesTheJdksIpv4FormOfAMappedLiteralByItsEmbeddedAddress() throws Exception {
        // The JDK parses [::ffff:127.0.0.77] as the IPv4 address it embeds: still loopback.
        assertThat(SpecialAddresses.classify(InetAddress.getByName("[::ffff:127.0.0.77]"))).contains("loopback");
    }
}
