package dev.citadel.egress.proxy;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ConnectException;

/** What went wrong with an allowed destination; counted in {@code upstream_failures_total{reason}}. */
public enum UpstreamFailure {
    CONNECT_REFUSED(HttpResponseStatus.BAD_GATEWAY, "connect-refused", "connection_refused"),
    CONNECT_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "connect-timeout", "connection_timeout"),
    CONNECT_FAILED(HttpResponseStatus.BAD_GATEWAY, "connect-failed", "destination_unavailable"),
    /** The destination closed or reset the connection before its response was complete. */
    RESET(HttpResponseStatus.BAD_GATEWAY, "reset", "connection_terminated");

    private final HttpResponseStatus status;
    private final String tag;
    private final String proxyError;

    UpstreamFailure(HttpResponseStatus status, String tag, String proxyError) {
        this.status = status;
        this.tag = tag;
        this.proxyError = proxyError;
    }

    /** The RFC 9209 proxy error type announced in {@code Proxy-Status}. */
    public String proxyError() {
        return proxyError;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String tag() {
        return tag;
    }

    static UpstreamFailure ofConnect(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return CONNECT_TIMEOUT;
        }
        return cause instanceof ConnectException ? CONNECT_REFUSED : CONNECT_FAILED;
    }
}
