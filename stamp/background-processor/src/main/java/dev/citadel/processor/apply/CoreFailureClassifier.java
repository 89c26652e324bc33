package dev.citadel.processor.apply;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;

import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.event.PoisonEventException;
import dev.citadel.catalog.store.DriverErrors;
import dev.citadel.catalog.validation.ValidationException;
import dev.citadel.processor.retry.FailureClassifier;
import dev.citadel.processor.retry.FailureKind;

/**
 * Classifies by catalog-core's exception types (never by message). Poison is checked before the fatal family it
 * belongs to, and its kind (unparseable or invalid) becomes the dead-letter reason; a raw driver exception that escaped the store's translation is classified the store's way.
 */
public final class CoreFailureClassifier implements FailureClassifier {

    @Override
    public FailureKind classify(Throwable failure) {
        if (failure instanceof PoisonEventException poison) {
            // The codec says which: bytes that are no event at all, or an event with bad fields.
            return poison.kind() == PoisonEventException.Kind.UNPARSEABLE ? FailureKind.UNPARSEABLE
                    : FailureKind.INVALID;
        }
        if (failure instanceof ValidationException) {
            return FailureKind.INVALID;
        }
        if (storeUnreachable(failure)) {
            return FailureKind.STORE_UNREACHABLE;
        }
        if (failure instanceof DriverException driver) {
            return DriverErrors.translate("store", driver).isRetriable() ? FailureKind.TRANSIENT : FailureKind.FATAL;
        }
        if (failure instanceof RetriableException) {
            return FailureKind.TRANSIENT;
        }
        if (failure instanceof FatalException) {
            return FailureKind.FATAL;
        }
        return FailureKind.UNEXPECTED;
    }

    /**
     * No coordinator could be reached ({@link AllNodesFailedException}, {@code NoNodeAvailableException} among them) or
     * too few replicas are alive ({@link UnavailableException}), however the store wrapped it.
     */
    static boolean storeUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AllNodesFailedException || t instanceof UnavailableException) {
                return true;
            }
        }
        return false;
    }
}
