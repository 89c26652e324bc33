package dev.citadel.egress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.egress.config.EgressProperties.Limits;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

class ConnectionLimitHandlerTest {

    @Test
    void closesConnectionsOverTheLimitUnansweredAndCountsThem() {
        PolicyPipeline p = new PolicyPipeline(new Limits(null, null, 1, null, null));
        ConnectionLimitHandler limit = new ConnectionLimitHandler(p.rt);
        EmbeddedChannel first = new EmbeddedChannel(limit);
        EmbeddedChannel second = new EmbeddedChannel(limit);
        assertThat(first.isActive()).isTrue();
        assertThat(second.isActive()).isFalse();
        assertThat((Object) second.readOutbound()).isNull();
        assertThat(p.decisions("denied", "too-many-connections")).isEqualTo(1);
        first.close();
        assertThat(limit.open()).isZero(); // the refused one gave its slot back when it closed
        assertThat(new EmbeddedChannel(limit).isActive()).isTrue();
        p.close();
    }

    @Test
    void closesAConnectionIdleInBothDirections() {
        EmbeddedChannel ch = new EmbeddedChannel(IdleCloseHandler.INSTANCE);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(ch.isActive()).isFalse();
    }
}
