package dev.citadel.egress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.egress.policy.HostLiteral;
import org.junit.jupiter.api.Test;

class RequestTargetHandlerTest {

    @Test
    void readsAbsoluteFormHostPortAndOriginFormPath() {
        Target t = RequestTargetHandler.absolute("http://images.example.org:8080/a/b?c=d#frag");
        assertThat(t.tunnel()).isFalse();
        assertThat(t.host()).isEqualTo(new HostLiteral.Fqdn("images.example.org"));
        assertThat(t.port()).isEqualTo(8080);
        assertThat(t.pathAndQuery()).isEqualTo("/a/b?c=d");
    }

    @Test
    void defaultsToPort80AndRootPath() {
        Target t = RequestTargetHandler.absolute("http://images.example.org?x=1");
        assertThat(t.port()).isEqualTo(80);
        assertThat(t.pathAndQuery()).isEqualTo("/?x=1");
    }

    @Test
    void readsBracketedIpv6AuthoritiesAsIpLiterals() {
        Target t = RequestTargetHandler.authority("[::ffff:127.0.0.77]:443", -1, "");
        assertThat(t.tunnel()).isTrue();
        assertThat(t.host()).isInstanceOf(HostLiteral.IpLiteral.class);
        assertThat(t.port()).isEqualTo(443);
    }

    @Test
    void refusesAuthoritiesWithoutAUsablePortOrWithUserinfo() {
        assertThat(RequestTargetHandler.authority("images.example.org", -1, "")).isNull();
        assertThat(RequestTargetHandler.authority("images.example.org:", -1, "")).isNull();
        assertThat(RequestTargetHandler.authority("images.example.org:0", -1, "")).isNull();
        assertThat(RequestTargetHandler.authority("images.example.org:+443", -1, "")).isNull();
        assertThat(RequestTargetHandler.authority("u:p@images.example.org:443", -1, "")).isNull();
        assertThat(RequestTargetHandler.authority("[::1]x:443", -1, "")).isNull();
        assertThat(RequestTargetHandler.authority("", 80, "/")).isNull();
    }
}
