package dev.citadel.cli.services;

import java.util.List;
import java.util.Map;

/**
 * One child JVM as the supervisor launches it: a value, built by {@link ServicePlan} and stored in
 * {@code services-plan.json}, so the command line is tested without starting anything.
 *
 * @param readinessUrl HTTPS URL on the operator-only side (management port) that answers 200 once the service is
 *                     ready; called with the operator's client certificate
 */
public record ServiceSpec(String name, String region, ServiceKind kind, String displayAddress, List<String> argv,
                          Map<String, String> environment, String workDir, String logFile, String readinessUrl) {

    public ServiceSpec {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
