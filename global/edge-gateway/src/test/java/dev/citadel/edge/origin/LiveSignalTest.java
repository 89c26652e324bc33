package dev.citadel.edge.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveSignalTest {
    private static final String PROBLEM = "application/problem+json";

    private static byte[] problem(String slug) {
        return ("{\"type\":\"https://citadel.dev/problems/" + slug + "\",\"title\":\"t\",\"status\":503}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDependencyUnavailableProblemIsAFailureOfTheStamp() {
        assertThat(LiveSignal.of(503, PROBLEM, problem("dependency-unavailable"))).isEqualTo(LiveSignal.DEPENDENCY_DOWN);
        assertThat(LiveSignal.of(503, "application/problem+json;charset=UTF-8",
                "{ \"status\": 503, \"type\" : \"https://citadel.dev/problems/dependency-unavailable\" }"
                        .getBytes(StandardCharsets.UTF_8))).isEqualTo(LiveSignal.DEPENDENCY_DOWN);
    }

    @Test
    void tooManyRequestsAndShedOrOverloaded503sAreOverloadNotFailure() {
        assertThat(LiveSignal.of(429, PROBLEM, problem("rate-limited"))).isEqualTo(LiveSignal.OVERLOAD);
        assertThat(LiveSignal.of(429, null, null)).isEqualTo(LiveSignal.OVERLOAD);
        assertThat(LiveSignal.of(503, PROBLEM, problem("overloaded"))).isEqualTo(LiveSignal.OVERLOAD);
        assertThat(LiveSignal.of(503, PROBLEM, problem("load-shed"))).isEqualTo(LiveSignal.OVERLOAD);
        assertThat(LiveSignal.of(503, PROBLEM, problem("edge/rate-limit"))).isEqualTo(LiveSignal.OVERLOAD);
    }

    @Test
    void otherServerErrorsAreCountedFailures() {
        assertThat(LiveSignal.of(503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(LiveSignal.FAILURE);
        assertThat(LiveSignal.of(503, PROBLEM, problem("internal-error"))).isEqualTo(LiveSignal.FAILURE);
        // The type is read from a problem body only: a text body naming it is not a verdict.
        assertThat(LiveSignal.of(503, "text/plain", problem("dependency-unavailable"))).isEqualTo(LiveSignal.FAILURE);
        assertThat(LiveSignal.of(500, PROBLEM, problem("internal-error"))).isEqualTo(LiveSignal.FAILURE);
        assertThat(LiveSignal.of(502, null, null)).isEqualTo(LiveSignal.FAILURE);
        assertThat(LiveSignal.of(504, null, null)).isEqualTo(LiveSignal.FAILURE);
    }

    @Test
    void successesAndClientErrorsSayNothingBadAboutTheOrigin() {
        assertThat(LiveSignal.of(200, "application/json", null)).isEqualTo(LiveSignal.SUCCESS);
        assertThat(LiveSignal.of(202, null, null)).isEqualTo(LiveSignal.SUCCESS);
        assertThat(LiveSignal.of(404, PROBLEM, problem("not-found"))).isEqualTo(LiveSignal.SUCCESS);
        assertThat(LiveSignal.of(400, PROBLEM, problem("validation-failed"))).isEqualTo(LiveSignal.SUCCESS);
    }
}
