package dev.citadel.egress.proxy;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * RFC 9112 §2.2: a request the codec could not parse (bad request line, header syntax, framing) or that exceeded
 * the head limits is answered 400/414/431 and the connection closed: after a framing error the byte stream can no
 * longer be trusted to hold message boundaries (request smuggling).
 */
@Sharable
final class DecoderResultHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "decoder-result";
    private final ProxyContext rt;

    DecoderResultHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            Rejects.reject(rt, ctx, RejectReason.MALFORMED_REQUEST, msg, "not an HTTP request");
            return;
        }
        Exchange.of(ctx.channel()).method = request.method().name();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            RejectReason reason = cause instanceof TooLongHttpLineException ? RejectReason.URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException
                    ? RejectReason.HEADERS_TOO_LARGE : RejectReason.MALFORMED_REQUEST;
            Rejects.reject(rt, ctx, reason, msg, "request head not accepted");
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
