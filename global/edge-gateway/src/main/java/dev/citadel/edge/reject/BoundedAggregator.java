package dev.citadel.edge.reject;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Buffers the whole request (needed to retry it on another origin) up to the body limit; anything larger goes
 * through the common reject path as 413 and the connection closes, since the unread rest of the body would
 * otherwise be parsed as the next request.
 */
public final class BoundedAggregator extends HttpObjectAggregator {
    private final Rejects rejects;
    private final int maxBody;

    public BoundedAggregator(Rejects rejects, int maxBody) {
        super(maxBody);
        this.rejects = rejects;
        this.maxBody = maxBody;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // MessageAggregator releases `oversized` itself after this call, so pass no message to release.
        rejects.reject(ctx, RejectReason.BODY_TOO_LARGE, null, "The body exceeds " + maxBody + " bytes.");
    }
}
