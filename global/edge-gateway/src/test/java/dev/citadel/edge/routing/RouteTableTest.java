package dev.citadel.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeProperties.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable table = new RouteTable(List.of(new Route("/*", "static"), new Route("/api/*", "apis"),
            new Route("/images/*", "images"), new Route("/health/*", "health"), new Route("/health/stamp", "probe")));

    private String group(String uri) {
        return table.match(RouteTable.pathOf(uri)).map(Route::originGroup).orElse("none");
    }

    @Test
    void picksTheMostSpecificPatternRegardlessOfOrder() {
        assertThat(group("/api/1.0/catalogitem?limit=5")).isEqualTo("apis");
        assertThat(group("/api")).isEqualTo("apis");
        assertThat(group("/images/abc")).isEqualTo("images");
        assertThat(group("/health/liveness")).isEqualTo("health");
        assertThat(group("/health/stamp")).isEqualTo("probe");
        assertThat(group("/apiary")).isEqualTo("static");
        assertThat(group("/")).isEqualTo("static");
    }

    @Test
    void matchesNothingWithoutACatchAll() {
        RouteTable only = new RouteTable(List.of(new Route("/api/*", "apis")));
        assertThat(only.match("/index.html")).isEmpty();
    }

    @Test
    void stripsQueryAndFragmentFromThePath() {
        assertThat(RouteTable.pathOf("/a/b?x=/api/#f")).isEqualTo("/a/b");
        assertThat(RouteTable.pathOf("/a#f?x")).isEqualTo("/a");
    }
}
