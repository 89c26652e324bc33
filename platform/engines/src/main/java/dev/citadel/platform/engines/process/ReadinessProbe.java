package dev.citadel.platform.engines.process;

/**
 * One readiness check. Returning false or throwing both mean "not yet"; the last exception is
 * reported if the engine never becomes ready.
 */
@FunctionalInterface
public interface ReadinessProbe {

    boolean ready() throws Exception;
}
