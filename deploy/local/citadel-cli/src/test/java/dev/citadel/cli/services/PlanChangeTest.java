package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanChangeTest {

    private static ServiceSpec spec(String name, String jar) {
        return new ServiceSpec(name, "region1", ServiceKind.CATALOG_API, "127.0.1.31:8443", List.of("java", "-jar", jar),
                Map.of(), "/w", "/l/" + name + ".log", "https://127.0.1.31:9443/actuator/health/readiness");
    }

    @Test
    void newServicesStartGoneOnesStopAndChangedOnesAreLeftAlone() {
        ServicePlan next = new ServicePlan(List.of(spec("edge", "e.jar"), spec("catalog-api-region1", "v2.jar"),
                spec("catalog-api-region1-b", "v2.jar")), List.of());
        PlanChange change = PlanChange.between(Set.of("edge", "catalog-api-region1", "web-ui-region1"), next);
        assertThat(change.start()).extracting(ServiceSpec::name).containsExactly("catalog-api-region1-b");
        assertThat(change.stop()).containsExactly("web-ui-region1");
        assertThat(change.isEmpty()).isFalse();
        assertThat(PlanChange.between(Set.of("edge", "catalog-api-region1", "catalog-api-region1-b"), next).isEmpty())
                .isTrue();
    }
}
