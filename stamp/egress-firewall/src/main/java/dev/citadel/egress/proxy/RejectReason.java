package dev.citadel.egress.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every way the firewall refuses a request, with its status (null: close without a response), whether the
 * connection closes afterwards (a broken framing leaves the byte stream unusable; a policy refusal does not), and
 * its metric/log tag, and the RFC 9209 error type its answer carries in {@code Proxy-Status} (so a client tells the
 * firewall's own answer from the destination's). Each is counted as {@code decision="denied", reason=<tag>}.
 */
public enum RejectReason {
    /** Unparseable request line or headers (RFC 9112 §2.2). */
    MALFORMED_REQUEST(HttpResponseStatus.BAD_REQUEST, true, "malformed-request", "http_request_error"),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, true, "uri-too-long", "http_request_error"),
    /** RFC 6585 §5: the request head is larger than {@code limits.maxHeaderBytes}. */
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, true, "headers-too-large", "http_request_error"),
    /** The body is buffered before it is forwarded, so it is bounded; the rest is not read, hence close. */
    BODY_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, true, "body-too-large", "http_request_error"),
    /** Origin-form ({@code GET /path}): a request for the firewall itself, which serves nothing. */
    NOT_A_PROXY_REQUEST(HttpResponseStatus.BAD_REQUEST, true, "not-a-proxy-request", "http_request_error"),
    /** ftp:, file:, gopher:, absolute-form https: (TLS must be a CONNECT tunnel), anything but http: and CONNECT. */
    UNSUPPORTED_SCHEME(HttpResponseStatus.BAD_REQUEST, true, "unsupported-scheme", "http_request_denied"),
    /** CONNECT without host:port, a port out of range, userinfo in the authority. */
    MALFORMED_TARGET(HttpResponseStatus.BAD_REQUEST, true, "malformed-target", "http_request_error"),
    /** RFC 9110 §11.7.1: no Proxy-Authorization; the 407 carries the Basic challenge. */
    PROXY_AUTH_REQUIRED(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, false, "proxy-auth-required", "http_request_denied"),
    PROXY_AUTH_INVALID(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, false, "proxy-auth-invalid", "http_request_denied"),
    /** Rules name DNS names; an IP literal in any form is refused before any rule is looked at (SSRF). */
    IP_LITERAL(HttpResponseStatus.FORBIDDEN, false, "ip-literal", "http_request_denied"),
    INVALID_HOST(HttpResponseStatus.BAD_REQUEST, false, "invalid-host", "http_request_error"),
    NOT_ALLOW_LISTED(HttpResponseStatus.FORBIDDEN, false, "not-allow-listed", "http_request_denied"),
    /** The name resolved to a private, loopback, link-local or other special-purpose address (SSRF). */
    SPECIAL_ADDRESS(HttpResponseStatus.FORBIDDEN, false, "special-address", "destination_ip_prohibited"),
    UNRESOLVED_HOST(HttpResponseStatus.BAD_GATEWAY, false, "unresolved-host", "dns_error"),
    /** Over {@code limits.maxConnections}: nothing was read, so nothing is owed but a close. */
    TOO_MANY_CONNECTIONS(null, true, "too-many-connections", "proxy_connection_refused"),
    INTERNAL(HttpResponseStatus.INTERNAL_SERVER_ERROR, true, "internal", "proxy_internal_error");

    private final HttpResponseStatus status;
    private final boolean close;
    private final String tag;
    private final String proxyError;

    RejectReason(HttpResponseStatus status, boolean close, String tag, String proxyError) {
        this.status = status;
        this.close = close;
        this.tag = tag;
        this.proxyError = proxyError;
    }

    /** The RFC 9209 proxy error type this refusal is announced as, in {@code Proxy-Status}. */
    public String proxyError() {
        return proxyError;
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
}
