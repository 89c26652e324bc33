package dev.citadel.egress.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostLiteralTest {

    @ParameterizedTest(name = "{0} is the IP literal {1}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "0x7f.1, 127.0.0.1",
            "0x7F.0.0.1, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0177.1, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "127.0.0.1., 127.0.0.1",
            "169.254.169.254, 169.254.169.254",
            "0, 0.0.0.0",
            "0x, 0.0.0.0",
            "[::1], ::1",
            "[0:0:0:0:0:0:0:1], ::1",
            "[::ffff:127.0.0.77], 127.0.0.77",
            "[::ffff:7f00:4d], 127.0.0.77",
            "[fe80::1%25eth0], fe80::1",
            "[fe80::1%eth0], fe80::1",
            "::1, ::1",
    })
    void readsEveryIpLiteralFormAsTheAddressItDenotes(String host, String address) throws Exception {
        HostLiteral parsed = HostLiteral.parse(host);
        assertThat(parsed).isInstanceOf(HostLiteral.IpLiteral.class);
        assertThat(((HostLiteral.IpLiteral) parsed).address()).isEqualTo(InetAddress.getByName(address));
    }

    @ParameterizedTest(name = "{0} is an IP literal, malformed")
    @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "4294967296", "0x1ffffffff", "08.0.0.1", "1.2.3.0x100",
            "[::1", "[zz::1]", "[]", "example.123", "foo.0x7f"})
    void treatsNumericLookingHostsAsIpLiteralsEvenWhenMalformed(String host) {
        assertThat(HostLiteral.parse(host)).isInstanceOf(HostLiteral.IpLiteral.class);
    }

    @ParameterizedTest(name = "{0} is a name")
    @CsvSource({
            "images.example.org, images.example.org",
            "Images.EXAMPLE.org., images.example.org",
            "a-b.c1.test, a-b.c1.test",
            "127.0.0.1.nip.io, 127.0.0.1.nip.io",
            "localhost, localhost",
            "0x7f.example, 0x7f.example",
    })
    void normalizesNames(String host, String name) {
        assertThat(HostLiteral.parse(host)).isEqualTo(new HostLiteral.Fqdn(name));
    }

    @ParameterizedTest(name = "{0} is invalid")
    @ValueSource(strings = {"", ".", "a..b", "-a.test", "a-.test", "exa mple.org", "127%2e0.0.1", "under_score.test",
            "ex\u00e4mple.test", "a.test..", "*.example.org"})
    void refusesWhatIsNeitherANameNorAnAddress(String host) {
        assertThat(HostLiteral.parse(host)).isInstanceOf(HostLiteral.Invalid.class);
    }
}
