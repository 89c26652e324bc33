package dev.citadel.egress.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The IANA IPv4 and IPv6 special-purpose address registries (plus multicast and the reserved 240/4), as blocks with
 * their registry names. An egress destination inside any of them is private, loopback, link-local, documentation,
 * translation or otherwise not a public Internet host, so the firewall refuses it unless the rule lists it.
 * IPv6 blocks that embed IPv4 (mapped, compatible, NAT64, 6to4, Teredo) are refused as blocks: what they carry
 * decides where the packet really goes, and no legitimate egress target needs them.
 */
public final class SpecialAddresses {
    private record Block(byte[] prefix, int bits, String name) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "this-network"),
            block("10.0.0.0/8", "private-use"),
            block("100.64.0.0/10", "shared-address-space"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private-use"),
            block("192.0.0.0/24", "ietf-protocol-assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.31.196.0/24", "as112"),
            block("192.52.193.0/24", "amt"),
            block("192.88.99.0/24", "6to4-relay-anycast"),
            block("192.168.0.0/16", "private-use"),
            block("192.175.48.0/24", "direct-delegation-as112"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("255.255.255.255/32", "limited-broadcast"),
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("::ffff:0:0/96", "ipv4-mapped"),
            block("::/96", "ipv4-compatible"),
            block("64:ff9b::/96", "ipv4-ipv6-translation"),
            block("64:ff9b:1::/48", "local-use-ipv4-ipv6-translation"),
            block("100::/64", "discard-only"),
            block("2001::/23", "ietf-protocol-assignments"),
            block("2001:db8::/32", "documentation"),
            block("2002::/16", "6to4"),
            block("3fff::/20", "documentation"),
            block("5f00::/16", "segment-routing-sids"),
            block("fc00::/7", "unique-local"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    private SpecialAddresses() {
    }

    /** The registry name of the block holding {@code address} ("loopback", "private-use", ...), if any. */
    public static Optional<String> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block b : BLOCKS) {
            if (b.contains(bytes)) {
                return Optional.of(b.name());
            }
        }
        return Optional.empty();
    }

    private static Block block(String cidr, String name) {
        int slash = cidr.indexOf('/');
        String ip = cidr.substring(0, slash);
        try {
            byte[] prefix = InetAddress.getByName(ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip).getAddress();
            return new Block(ipv6(prefix, ip), Integer.parseInt(cidr.substring(slash + 1)), name);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The JDK turns "::ffff:0:0" into an IPv4 address; the block needs its 16-byte IPv6 form. */
    private static byte[] ipv6(byte[] parsed, String text) {
        if (text.indexOf(':') < 0 || parsed.length == 16) {
            return parsed;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(parsed, 0, mapped, 12, 4);
        return mapped;
    }
}
