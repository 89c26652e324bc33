package dev.citadel.catalog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import org.junit.jupiter.api.Test;

class MigrationLockTest {

  @Test
  void aPaxosRoundWithAnUnknownOutcomeIsRetried() {
    assertThat(MigrationLock.resultUnknown(new CASWriteUnknownException(null, ConsistencyLevel.SERIAL, 1, 2)))
        .isTrue();
    assertThat(MigrationLock.resultUnknown(
        new WriteTimeoutException(null, ConsistencyLevel.SERIAL, 1, 2, DefaultWriteType.CAS))).isTrue();
  }

  @Test
  void otherFailuresAreNotRetried() {
    assertThat(MigrationLock.resultUnknown(
        new WriteTimeoutException(null, ConsistencyLevel.QUORUM, 1, 2, DefaultWriteType.SIMPLE))).isFalse();
    assertThat(MigrationLock.resultUnknown(new ReadTimeoutException(null, ConsistencyLevel.SERIAL, 1, 2, false)))
        .isFalse();
    assertThat(MigrationLock.resultUnknown(new IllegalStateException("x"))).isFalse();
  }
}
