package dev.citadel.edge.reject;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes slow clients (slowloris; RFC 9112 §9.3 leaves idle handling to the server): a connection idle longer
 * than the idle limit is closed, and once the first byte of a request arrives the whole request must arrive
 * within the request deadline, however steadily the client trickles bytes. No response is sent: the client never
 * completed a request. This part sits before the HTTP codec (it sees raw bytes); its {@link Exchange} sits after
 * the aggregator and tells it when a request is complete and when its response starts. Per channel. A deadline
 * of 0 keeps only the idle rule (HTTP/2 connections, whose streams are bounded by the codec's own limits).
 */
public final class SlowClientHandler extends ChannelInboundHandlerAdapter {
    private final Rejects rejects;
    private final long deadlineMillis;
    private ScheduledFuture<?> deadline;
    private boolean awaitingResponse;

    public SlowClientHandler(Rejects rejects, long deadlineMillis) {
        this.rejects = rejects;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadlineMillis > 0 && msg instanceof ByteBuf && deadline == null && !awaitingResponse) {
            deadline = ctx.executor().schedule(
                    () -> rejects.reject(ctx, RejectReason.SLOW_CLIENT, null, "request deadline passed"),
                    deadlineMillis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && !awaitingResponse) {
            rejects.reject(ctx, RejectReason.SLOW_CLIENT, null, "idle");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** The after-aggregator half: a complete request stops the clock; a response re-opens the connection's turn. */
    public final class Exchange extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest) {
                cancel();
                awaitingResponse = true;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse) {
                awaitingResponse = false;
            }
            ctx.write(msg, promise);
        }
    }
}
