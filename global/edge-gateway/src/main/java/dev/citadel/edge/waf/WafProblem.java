package dev.citadel.edge.waf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** RFC 9457 problem+json answers for WAF refusals. Only fixed text and the hex reference id go into the body. */
final class WafProblem {

    static final String TYPE_BLOCKED = "https://citadel.dev/problems/waf-blocked";
    static final String TYPE_TOO_LARGE = "https://citadel.dev/problems/waf-body-too-large";

    private WafProblem() { }

    static FullHttpResponse blocked(String referenceId) {
        return response(HttpResponseStatus.FORBIDDEN, TYPE_BLOCKED, "Request blocked",
                "The request was blocked by the web application firewall. Quote the reference id if you believe "
                        + "this is a mistake.", referenceId);
    }

    static FullHttpResponse tooLarge(String referenceId, int limit) {
        return response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, TYPE_TOO_LARGE, "Request body too large",
                "The body exceeds the " + limit + " bytes the firewall inspects.", referenceId);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String title, String detail,
                                             String referenceId) {
        String json = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.code()
                + ",\"detail\":\"" + detail + "\",\"referenceId\":\"" + referenceId + "\"}";
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
