package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.status.ComponentState;
import org.junit.jupiter.api.Test;

class ServiceRowsTest {

    private static ServicesState.Service service(String state) {
        return new ServicesState.Service("catalog-api-region1", "region1", ServiceKind.CATALOG_API, "127.0.1.31:8443",
                42, state, 1, "", "/r/logs/catalog-api-region1.log");
    }

    @Test
    void showsAReadyLiveServiceAsRunning() {
        assertThat(ServiceRows.state(service(ServicesState.READY), true, true)).isEqualTo(ComponentState.RUNNING);
    }

    @Test
    void showsACrashedServiceTheSupervisorWillRestartAsRestartingNotDead() {
        assertThat(ServiceRows.state(service(ServicesState.RESTARTING), false, true)).isEqualTo(ComponentState.RESTARTING);
        assertThat(ServiceRows.state(service(ServicesState.READY), false, true)).isEqualTo(ComponentState.DEAD);
    }

    @Test
    void showsEveryStoppedProcessAsDeadOnceTheSupervisorIsGone() {
        assertThat(ServiceRows.state(service(ServicesState.RESTARTING), false, false)).isEqualTo(ComponentState.DEAD);
        assertThat(ServiceRows.state(service(ServicesState.STARTING), true, false)).isEqualTo(ComponentState.STARTING);
    }

    @Test
    void startsTheSupervisorDetachedWithItsMarkerFromTheCliJar() {
        assertThat(SupervisorProcess.argv("java", java.nio.file.Path.of("/h/cli.jar"), new RunLayout(java.nio.file.Path.of("/r")), true))
                .containsExactly("setsid", "java", "-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dcitadel.engine=citadel-supervisor", "-cp", "/h/cli.jar", "dev.citadel.cli.CitadelCommand",
                        "supervise", "--run-dir", "/r");
    }
}
