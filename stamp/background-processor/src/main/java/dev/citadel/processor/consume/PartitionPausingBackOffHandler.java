package dev.citadel.processor.consume;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Backs off by pausing only the failing record's partition for the wait, so the consumer keeps polling (and the
 * listener keeps applying) every other partition it owns.
 *
 * <p>Spring Kafka's {@link ContainerPausingBackOffHandler} is not enough on its own: {@code DefaultErrorHandler}
 * calls the container-wide {@link #onNextBackOff(MessageListenerContainer, Exception, long)}, which pauses every
 * partition of that consumer. The partition is known here from the {@link ApplyFailedException} the listener threw;
 * for any other exception (none is expected) the whole consumer is paused, as Spring would.
 */
public final class PartitionPausingBackOffHandler implements BackOffHandler {

    private final ListenerContainerPauseService pauser;
    private final ContainerPausingBackOffHandler wholeContainer;

    public PartitionPausingBackOffHandler(ListenerContainerPauseService pauser) {
        this.pauser = Objects.requireNonNull(pauser, "pauser");
        this.wholeContainer = new ContainerPausingBackOffHandler(pauser);
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
        ApplyFailedException failure = ApplyFailedException.find(exception);
        if (container != null && failure != null) {
            onNextBackOff(container, failure.partition(), nextBackOff);
        } else {
            wholeContainer.onNextBackOff(container, exception, nextBackOff);
        }
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, TopicPartition partition, long nextBackOff) {
        pauser.pausePartition(container, partition, Duration.ofMillis(nextBackOff));
    }
}
