package dev.citadel.health.check;

/**
 * One background check. {@link #run()} may block on its dependency: the {@link CheckRunner} bounds it with the
 * overall timeout and never starts a second run while one is still in flight.
 */
public interface HealthCheck {

    /** Stable name, also the {@code citadel.health.checks.<name>.enabled} key and the JSON {@code name}. */
    String name();

    /** Calls the dependency once and judges it; throwing means {@code DOWN}. */
    CheckOutcome run() throws Exception;
}
