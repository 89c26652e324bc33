package dev.citadel.processor.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;

import dev.citadel.catalog.error.RetriableException;
import dev.citadel.processor.retry.FailureKind;

import org.junit.jupiter.api.Test;

class CoreFailureClassifierTest {

    private final CoreFailureClassifier classifier = new CoreFailureClassifier();

    @Test
    void noReachableNodeIsAnUnreachableStoreHoweverTheStoreWrappedIt() {
        assertThat(classifier.classify(new RetriableException("write rating failed", new NoNodeAvailableException())))
                .isEqualTo(FailureKind.STORE_UNREACHABLE);
        assertThat(classifier.classify(new NoNodeAvailableException())).isEqualTo(FailureKind.STORE_UNREACHABLE);
    }

    @Test
    void tooFewLiveReplicasIsAnUnreachableStore() {
        var unavailable = new UnavailableException(null, ConsistencyLevel.LOCAL_QUORUM, 1, 0);

        assertThat(classifier.classify(new RetriableException("write comment failed", unavailable)))
                .isEqualTo(FailureKind.STORE_UNREACHABLE);
    }

    @Test
    void aTimeoutOfOneWriteStaysTransientAndSoIsDeadLetteredWhenItsRetriesRunOut() {
        var timeout = new WriteTimeoutException(null, ConsistencyLevel.LOCAL_QUORUM, 0, 1, WriteType.SIMPLE);

        assertThat(classifier.classify(new RetriableException("write comment failed", timeout)))
                .isEqualTo(FailureKind.TRANSIENT);
    }
}
