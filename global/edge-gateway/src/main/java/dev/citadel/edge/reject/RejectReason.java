package dev.citadel.edge.reject;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every way the edge refuses or fails a request, with its status (null: close without a response), whether the
 * connection must close afterwards (framing errors leave the byte stream unusable), and its metric/log tag.
 */
public enum RejectReason {
    /** Malformed request line, header or chunk framing (RFC 9112 §2.2, §7.1). */
    MALFORMED_REQUEST(HttpResponseStatus.BAD_REQUEST, true, "malformed-request", "Malformed request"),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, true, "uri-too-long", "Request line too long"),
    /** RFC 6585 §5: header section larger than the limit. */
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, true, "headers-too-large",
            "Request header fields too large"),
    TOO_MANY_HEADERS(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, true, "too-many-headers",
            "Too many request header fields"),
    /** The body must be buffered to be retried, so it is bounded; the rest is not read, hence close. */
    BODY_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, true, "body-too-large", "Request body too large"),
    /** Slowloris-style clients: no response is owed to a client that never finished its request. */
    SLOW_CLIENT(null, true, "slow-client", "Client too slow"),
    NO_ROUTE(HttpResponseStatus.NOT_FOUND, false, "no-route", "No route for this path"),
    NO_ORIGIN(HttpResponseStatus.SERVICE_UNAVAILABLE, false, "no-origin", "No origin available"),
    /** A request named a stamp (route's stamp header) that has no enabled origin in the group. */
    NO_SUCH_STAMP(HttpResponseStatus.NOT_FOUND, false, "no-such-stamp", "No such stamp"),
    UPSTREAM_FAILED(HttpResponseStatus.BAD_GATEWAY, false, "upstream-failed", "Origin failed"),
    UPSTREAM_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, false, "upstream-timeout", "Origin timed out"),
    INTERNAL(HttpResponseStatus.INTERNAL_SERVER_ERROR, true, "internal", "Internal edge error");

    private final HttpResponseStatus status;
    private final boolean close;
    private final String tag;
    private final String title;

    RejectReason(HttpResponseStatus status, boolean close, String tag, String title) {
        this.status = status;
        this.close = close;
        this.tag = tag;
        this.title = title;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public boolean closesConnection() {
        return close;
    }

    public String tag() {
        return tag;
    }

    public String title() {
        return title;
    }

    public String problemType() {
        return "https://citadel.dev/problems/edge/" + tag;
    }
}
