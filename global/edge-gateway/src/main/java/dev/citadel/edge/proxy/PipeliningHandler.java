package dev.citadel.edge.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining (RFC 9112 §9.3.2) and the connection's backpressure (STYLE §6). Responses must leave in
 * request order, but the decoder hands over every request already in the buffer at once: this handler lets one
 * request through at a time and holds the rest until the previous response is fully written.
 *
 * <p>Reading stops only while a request waits behind another, and resumes when the queue is empty. A client that
 * sends its next request after the response (every browser, every load tool) therefore never toggles AUTO_READ:
 * stopping and resuming reads costs two {@code epoll_ctl} calls, which per request was a measurable share of the
 * edge's proxying cost. A client that does pipeline is still bounded: no more is read while one request waits, and
 * one pipelining more than {@link #MAX_QUEUED} requests in a single buffer is closed. Per channel, HTTP/1.1 only.
 */
public final class PipeliningHandler extends ChannelDuplexHandler {
    static final int MAX_QUEUED = 16;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean busy;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!busy) {
            busy = true;
            ctx.fireChannelRead(req);
        } else if (queued.size() < MAX_QUEUED) {
            queued.add(req);
            ctx.channel().config().setAutoRead(false);
        } else {
            ReferenceCountUtil.release(req);
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ChannelPromise p = promise.unvoid();
            p.addListener(f -> next(ctx));
            ctx.write(msg, p);
            return;
        }
        ctx.write(msg, promise);
    }

    private void next(ChannelHandlerContext ctx) {
        FullHttpRequest req = queued.poll();
        if (req == null) {
            busy = false;
            if (ctx.channel().isActive() && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
        } else if (ctx.channel().isActive()) {
            ctx.fireChannelRead(req);
        } else {
            req.release();
            releaseAll();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAll();
        ctx.fireChannelInactive();
    }

    private void releaseAll() {
        FullHttpRequest r;
        while ((r = queued.poll()) != null) {
            r.release();
        }
    }
}
