package dev.citadel.edge.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Origin side of one pooled connection: hands the (aggregated) response, or the connection's death, to whichever
 * exchange currently owns the connection. One exchange at a time: the pool lends a connection to one request.
 */
public final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BackendHandler.class);

    /** The exchange waiting on this connection. */
    public interface Listener {
        void onResponse(FullHttpResponse response);

        void onFailure(Throwable cause);
    }

    private Listener listener;

    public void listener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Listener l = listener;
        listener = null;
        if (l != null && msg instanceof FullHttpResponse response) {
            l.onResponse(response);
        } else {
            // An unsolicited response means the connection is out of step: never reuse it.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Listener l = listener;
        listener = null;
        if (l != null) {
            l.onFailure(new ClosedChannelException());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("origin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close(); // channelInactive then fails the waiting exchange
    }
}
