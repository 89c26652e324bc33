package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.waf.PercentDecoder.Anomaly;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PercentDecoderTest {

    @Test
    void decodesUtf8PercentEscapesOnce() {
        PercentDecoder.Result r = PercentDecoder.decode("caf%C3%A9%2520", false);
        assertThat(r.text()).isEqualTo("café%20");
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    void treatsPlusAsSpaceOnlyForFormEncoding() {
        assertThat(PercentDecoder.decode("rock+roll", true).text()).isEqualTo("rock roll");
        assertThat(PercentDecoder.decode("rock+roll", false).text()).isEqualTo("rock+roll");
    }

    @Test
    void reportsMalformedEscapesAndKeepsTheirText() {
        PercentDecoder.Result r = PercentDecoder.decode("%zz%41%", false);
        assertThat(r.text()).isEqualTo("%zzA%");
        assertThat(r.anomalies()).containsExactly(Anomaly.MALFORMED_PERCENT);
    }

    @Test
    void decodesAndReportsIisPercentU() {
        PercentDecoder.Result r = PercentDecoder.decode("%u003Cscript%u003E", false);
        assertThat(r.text()).isEqualTo("<script>");
        assertThat(r.anomalies()).containsExactly(Anomaly.PERCENT_U);
    }

    @Test
    void reportsOverlongUtf8AndDecodesWhatItSmuggles() {
        PercentDecoder.Result r = PercentDecoder.decode("..%c0%af..%c0%afetc", false);
        assertThat(r.text()).isEqualTo("../../etc");
        assertThat(r.anomalies()).contains(Anomaly.OVERLONG_UTF8);
    }

    @Test
    void reportsInvalidUtf8() {
        assertThat(PercentDecoder.decode("%ff%fe", false).anomalies()).containsExactly(Anomaly.INVALID_UTF8);
        assertThat(PercentDecoder.decode("%c3%28", false).anomalies()).containsExactly(Anomaly.INVALID_UTF8);
    }

    @Test
    void decodesRepeatedlyUpToTheRoundLimit() {
        assertThat(PercentDecoder.decodeRepeatedly("%252e%252e%252f", 3)).isEqualTo("../");
        assertThat(PercentDecoder.decodeRepeatedly("%25252527", 3)).isEqualTo("%27");
    }

    @Test
    void checksRawBodiesForInvalidAndOverlongUtf8() {
        byte[] good = "Zoë's café — ½ price 北京".getBytes(StandardCharsets.UTF_8);
        assertThat(PercentDecoder.checkUtf8(good, good.length)).isEmpty();
        byte[] overlong = {'a', (byte) 0xc0, (byte) 0xaf};
        assertThat(PercentDecoder.checkUtf8(overlong, overlong.length)).contains(Anomaly.OVERLONG_UTF8);
    }
}
