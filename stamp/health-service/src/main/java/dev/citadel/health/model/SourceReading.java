package dev.citadel.health.model;

import dev.citadel.health.signals.Sample;
import java.util.List;

/**
 * What one signal source gave this round: samples, or why there are none.
 *
 * @param source     where it was read from (URL or description), for the JSON
 * @param samples    the samples; {@code null} when the read failed or the source is not configured
 * @param failure    why the read failed; {@code null} on success
 * @param configured false when no source is configured for this component
 */
public record SourceReading(String source, List<Sample> samples, String failure, boolean configured) {

    public static SourceReading of(String source, List<Sample> samples) {
        return new SourceReading(source, samples, null, true);
    }

    public static SourceReading failed(String source, String failure) {
        return new SourceReading(source, null, failure, true);
    }

    public static SourceReading notConfigured() {
        return new SourceReading("none", null, null, false);
    }

    boolean ok() {
        return samples != null;
    }

    /** Sum of every sample named {@code name} whose labels pass {@code filter}. */
    double sum(String name, java.util.function.Predicate<Sample> filter) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(filter)
                .mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).sum();
    }
}
