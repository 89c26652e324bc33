package dev.citadel.egress.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** Bytes read from and written to one client connection, kept by {@link DecisionLogHandler}. */
final class ByteCounter {
    private static final AttributeKey<ByteCounter> KEY = AttributeKey.valueOf("egress.bytes");
    long fromClient;
    long toClient;

    static ByteCounter of(Channel ch) {
        ByteCounter c = ch.attr(KEY).get();
        if (c == null) {
            c = new ByteCounter();
            ch.attr(KEY).set(c);
        }
        return c;
    }

    long fromClient() {
        return fromClient;
    }

    long toClient() {
        return toClient;
    }
}
