package dev.citadel.edge.reject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Refuses requests the HTTP decoder or aggregator flagged: malformed request line, bad header syntax, bad chunk
 * framing (RFC 9112 §7.1) → 400; request line over the limit → 414; header section over the limit → 431. The
 * connection is closed after the answer because the decoder cannot resynchronise on a broken byte stream.
 */
@Sharable
public final class DecoderResultHandler extends ChannelInboundHandlerAdapter {
    private final Rejects rejects;

    public DecoderResultHandler(Rejects rejects) {
        this.rejects = rejects;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecoderResultProvider p && !p.decoderResult().isSuccess()) {
            DecoderResult result = p.decoderResult();
            rejects.reject(ctx, reasonFor(result.cause()), msg, describe(result.cause()));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    static RejectReason reasonFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return RejectReason.URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RejectReason.HEADERS_TOO_LARGE;
        }
        if (cause instanceof TooLongFrameException) {
            return RejectReason.BODY_TOO_LARGE;
        }
        return RejectReason.MALFORMED_REQUEST;
    }

    /** A fixed phrase per class of error: decoder messages may echo attacker bytes, so they stay in the debug log. */
    private static String describe(Throwable cause) {
        return switch (reasonFor(cause)) {
            case URI_TOO_LONG -> "The request line exceeds the edge's limit.";
            case HEADERS_TOO_LARGE -> "The header section exceeds the edge's limit.";
            case BODY_TOO_LARGE -> "The body exceeds the edge's limit.";
            default -> "The request could not be parsed as HTTP/1.1.";
        };
    }
}
