package dev.citadel.health.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void parsesMicrometerOutputWithCommentsLabelsAndSpecialValues() {
        String text = """
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_count{application="catalog-api",error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/1.0/catalogitem"} 42
                http_server_requests_seconds_sum{method="GET",outcome="SERVER_ERROR",status="500",uri="/api/1.0/catalogitem/{id}"} 1.5e-1
                citadel_processor_lag NaN
                jvm_gc_pause_seconds_max{action="end of minor GC"} +Inf
                up 1 1700000000000
                # EOF
                """;
        List<Sample> samples = PrometheusText.parse(text);
        assertThat(samples).hasSize(5);
        assertThat(samples.get(0).name()).isEqualTo("http_server_requests_seconds_count");
        assertThat(samples.get(0).label("uri")).isEqualTo("/api/1.0/catalogitem");
        assertThat(samples.get(0).value()).isEqualTo(42.0);
        assertThat(samples.get(1).value()).isEqualTo(0.15);
        assertThat(samples.get(2).value()).isNaN();
        assertThat(samples.get(3).label("action")).isEqualTo("end of minor GC");
        assertThat(samples.get(3).value()).isInfinite();
        assertThat(samples.get(4).labels()).isEmpty();
    }

    @Test
    void unescapesLabelValues() {
        Sample s = PrometheusText.parse("m{path=\"a\\\"b\\\\c\\nd\"} 1\n").get(0);
        assertThat(s.label("path")).isEqualTo("a\"b\\c\nd");
    }

    @Test
    void rejectsAMalformedLineWithItsLineNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=\"x\" 2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("m notanumber\n"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("<html>oops</html>\n"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\",a=\"2\"} 1\n"))
                .hasMessageContaining("duplicate label");
    }
}
