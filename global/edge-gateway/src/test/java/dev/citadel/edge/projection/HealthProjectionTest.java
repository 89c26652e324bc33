package dev.citadel.edge.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HealthProjectionTest {
    /** The shape of health-service's /health/model, with the internal details it carries. */
    private static final String MODEL = """
            {"region":"region1","evaluatedAt":"2026-12-02T10:00:00Z","window":"PT1M","status":"yellow","score":0.75,
             "flows":[{"name":"list-items","status":"yellow","score":0.75,"components":[
               {"name":"catalog-api","status":"yellow","score":0.75,
                "source":"https://10.1.0.12:9464/actuator/prometheus","note":null,
                "signals":[{"name":"p99-latency","value":812.5,"unit":"ms","yellow":500.0,"red":2000.0,
                            "status":"yellow","note":null}]},
               {"name":"kafka","status":"unknown","score":0.75,"source":"kafka-1.region1.internal:9093",
                "note":"cannot read lag: Connection refused: kafka-1.region1.internal/10.1.0.31:9093","signals":[]}]}],
             "managementUrl":"https://10.1.0.20:9443/actuator","host":"health.region1.citadel"}
            """;
    /** The shape of /health/stamp when unhealthy. */
    private static final String STAMP = """
            {"status":"unhealthy","region":"region1","checkedAt":"2026-12-02T10:00:00Z","checks":[
              {"name":"database","status":"DOWN","durationMs":5001,"lastRun":"2026-12-02T10:00:00Z",
               "detail":"AllNodesFailedException: cassandra-2.region1.internal/10.1.0.42:9142 timed out"}]}
            """;

    private static FullHttpResponse response(int status, String type, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (type != null) {
            r.headers().set("Content-Type", type);
        }
        r.headers().setInt("Content-Length", r.content().readableBytes());
        return r;
    }

    private static String body(FullHttpResponse r) {
        String s = r.content().toString(StandardCharsets.UTF_8);
        assertThat(r.headers().getInt("Content-Length")).isEqualTo(r.content().readableBytes());
        r.release();
        return s;
    }

    @Test
    void theModelKeepsStatusesScoresAndLevelsButNoAddressesUrlsOrHostNames() {
        String out = body(HealthProjection.apply(response(200, "application/json", MODEL), false));
        assertThat(out).contains("\"status\":\"yellow\"", "\"score\":0.75", "\"name\":\"catalog-api\"",
                "\"value\":812.5", "\"red\":2000.0", "\"region\":\"region1\"", "\"status\":\"unknown\"");
        assertThat(out).doesNotContain("10.1.0.", "9464", "actuator", "internal", "Connection refused",
                "managementUrl", "source", "note", "citadel\"", "host");
    }

    @Test
    void theStampVerdictKeepsItsStatusAndCheckNamesButNotTheErrorDetail() {
        FullHttpResponse in = response(503, "application/json;charset=UTF-8", STAMP);
        in.headers().set("Retry-After", "1");
        FullHttpResponse projected = HealthProjection.apply(in, false);
        assertThat(projected.status().code()).isEqualTo(503);
        assertThat(projected.headers().get("Retry-After")).isEqualTo("1");
        String out = body(projected);
        assertThat(out).contains("\"status\":\"unhealthy\"", "\"name\":\"database\"", "\"status\":\"DOWN\"");
        assertThat(out).doesNotContain("detail", "cassandra-2", "10.1.0.42", "AllNodesFailed");
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIsDroppedWhole() {
        FullHttpResponse text = HealthProjection.apply(response(200, "text/plain", "up on 10.1.0.12:8443"), false);
        assertThat(text.headers().get("Content-Type")).isNull();
        assertThat(body(text)).isEmpty();
        assertThat(body(HealthProjection.apply(response(200, "application/json", "{not json 10.1.0.12"), false)))
                .isEmpty();
    }
}
