package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.observe.EdgeMetrics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gate reads what the real edge writes: its Prometheus scrape, parsed per origin. */
class EdgeMetricsContractTest {

    @Test
    void theGateReadsTheEdgesOwnScrape() {
        EdgeMetrics edge = new EdgeMetrics();
        long tenMs = TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = 0; i < 8; i++) {
            edge.response(200, "apis-region1-b", tenMs);
        }
        edge.response(500, "apis-region1-b", tenMs);
        edge.response(503, "apis-region1-b", tenMs);
        edge.upstreamFailure("apis-region1-b", "connect");
        edge.upstreamFailure("apis-region1-b", "status-503");
        edge.upstreamFailure("apis-region1-b", "overload-429");
        edge.response(200, "apis-region1", tenMs);

        Map<String, OriginStats> stats = OriginStats.parse(edge.scrape());
        OriginStats fresh = stats.get("apis-region1-b");
        assertThat(fresh.requests()).isEqualTo(10);
        assertThat(fresh.errors()).isEqualTo(2);
        assertThat(fresh.upstreamFailures()).isEqualTo(2);
        assertThat(fresh.meanLatencyMillis()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(stats.get("apis-region1").requests()).isEqualTo(1);
    }
}
