package dev.citadel.health.model;

/**
 * Everything one evaluation of the health model reads.
 *
 * @param catalogApi catalog-api's Prometheus samples
 * @param processor  background-processor's Prometheus samples
 * @param webUi      web-ui's Prometheus samples (the static content flow)
 * @param lag        the processor group's lag in records, or {@code null} when it could not be read
 * @param lagFailure why the lag could not be read
 * @param database   the latest database check: {@code null} when disabled or not run yet
 */
public record ModelInputs(SourceReading catalogApi, SourceReading processor, SourceReading webUi, Long lag,
        String lagFailure, DatabaseReading database) {

    /**
     * @param up        whether the check passed
     * @param latencyMs how long its write + read took
     * @param detail    its one-line detail
     */
    public record DatabaseReading(boolean up, double latencyMs, String detail) {
    }
}
