package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceAdoptionTest {

    private static ServiceSpec spec(String name, String jar) {
        return new ServiceSpec(name, "region1", ServiceKind.CATALOG_API, "127.0.1.31:8443",
                List.of("java", "-jar", jar), Map.of("CITADEL_REGION", "region1"), "/r/" + name, "/r/logs/" + name + ".log",
                "https://127.0.1.31:9443/actuator/health/readiness");
    }

    private static ServicePlan plan(ServiceSpec... specs) {
        return new ServicePlan(List.of(specs), List.of());
    }

    @Test
    void aLivingServiceWhoseSpecIsUnchangedIsKeptWithItsPid() {
        ServicePlan plan = plan(spec("catalog-api-region1", "a.jar"), spec("web-ui-region1", "w.jar"));

        ServiceAdoption adoption = ServiceAdoption.decide(Optional.of(plan), plan, Map.of("catalog-api-region1", 4242L));

        assertThat(adoption.adopt()).containsExactly(Map.entry("catalog-api-region1", 4242L));
        assertThat(adoption.stop()).isEmpty();
    }

    @Test
    void aLivingServiceWhoseArgvChangedIsStoppedToBeStartedAfresh() {
        ServicePlan before = plan(spec("catalog-api-region1", "a.jar"), spec("web-ui-region1", "w.jar"));
        ServicePlan after = plan(spec("catalog-api-region1", "a2.jar"), spec("web-ui-region1", "w.jar"));

        ServiceAdoption adoption = ServiceAdoption.decide(Optional.of(before), after,
                Map.of("catalog-api-region1", 1L, "web-ui-region1", 2L));

        assertThat(adoption.adopt()).containsExactly(Map.entry("web-ui-region1", 2L));
        assertThat(adoption.stop()).containsExactly(Map.entry("catalog-api-region1", 1L));
    }

    @Test
    void withoutThePreviousPlanOrForAServiceGoneFromThePlanNothingIsKept() {
        ServicePlan plan = plan(spec("catalog-api-region1", "a.jar"));

        assertThat(ServiceAdoption.decide(Optional.empty(), plan, Map.of("catalog-api-region1", 1L)).stop())
                .containsOnlyKeys("catalog-api-region1");
        assertThat(ServiceAdoption.decide(Optional.of(plan), plan(), Map.of("catalog-api-region1", 1L)).stop())
                .containsOnlyKeys("catalog-api-region1");
    }
}
