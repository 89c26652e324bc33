package dev.citadel.catalogapi.problem;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import dev.citadel.catalog.error.RetriableException;
import org.apache.kafka.common.KafkaException;

/**
 * Tells whether a failure that reached the advice came from a dependency, so that it is answered 503 (the client or
 * the edge may go to another stamp) and never 500. Walks the whole cause chain: the driver's and Kafka's exceptions
 * arrive wrapped (catalog-core's typed exceptions, {@code CompletionException}, {@code ExecutionException}, cache
 * loaders), and a wrapper must not turn a dead node into an "internal error".
 *
 * <p>Cassandra: every driver exception except {@link QueryValidationException} (syntax, invalid query, missing
 * grant), which says our statement or our deployment is wrong and will fail on every stamp alike. Kafka: every
 * {@link KafkaException}, which includes its {@code TimeoutException} and every send failure.
 */
public final class DependencyFailures {

    private DependencyFailures() {}

    /** @return {@code cassandra} or {@code kafka} when {@code failure} is a dependency's, else {@code null} */
    public static String dependencyOf(Throwable failure) {
        int depth = 0;
        for (Throwable c = failure; c != null && depth < 32; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (c instanceof DependencyUnavailableException d) {
                return d.dependency();
            }
            if (c instanceof QueryValidationException) {
                return null;
            }
            if (c instanceof DriverException || c instanceof RetriableException) {
                return "cassandra";
            }
            if (c instanceof KafkaException) {
                return "kafka";
            }
        }
        return null;
    }
}
