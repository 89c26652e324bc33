package dev.citadel.egress.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;

/**
 * The request decoder, paused after a CONNECT head: what follows it is the tunnel's first bytes (a client may send
 * its TLS ClientHello without waiting for the 200), not another request. Parsing them as HTTP would refuse an allowed
 * tunnel with a 400. They stay buffered; when the tunnel opens, removing this decoder hands them to the relay, and
 * when the CONNECT is refused with the connection kept, {@link #resume()} lets the next request be decoded.
 */
final class TunnelAwareRequestDecoder extends HttpRequestDecoder {
    static final String NAME = "http-decoder";
    private boolean paused;

    TunnelAwareRequestDecoder(int maxInitialLineLength, int maxHeaderSize) {
        super(maxInitialLineLength, maxHeaderSize, 8192);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (paused) {
            return;
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof HttpRequest r && r.method().equals(HttpMethod.CONNECT)
                    && r.decoderResult().isSuccess()) {
                paused = true;
            }
        }
    }

    void resume() {
        paused = false;
    }
}
