package dev.citadel.egress.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every way the firewall refuses a request, with its status (null: close without a response), whether the
 * connection closes afterwards (a broken framing leaves the byte stream unusable; a policy refusal does not), and
 * its metric/log tag. Each is counted as {@code decision="denied", reason=<tag>}.
 */
public enum RejectReason {
    /** Unparseable request line or headers (RFC 9112 §2.2). */
    MALFORMED_REQUEST(HttpResponseStatus.BAD_REQUEST, true, "malformed-request"),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, true, "uri-too-long"),
    /** RFC 6585 §5: the request head is larger than {@code limits.maxHeaderBytes}. */
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, true, "headers-too-large"),
    /** The body is buffered before it is forwarded, so it is bounded; the rest is not read, hence close. */
    BODY_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, true, "body-too-large"),
    /** Origin-form ({@code GET /path}): a request for the firewall itself, which serves nothing. */
    NOT_A_PROXY_REQUEST(HttpResponseStatus.BAD_REQUEST, true, "not-a-proxy-request"),
    /** ftp:, file:, gopher:, absolute-form https: (TLS must be a CONNECT tunnel), anything but http: and CONNECT. */
    UNSUPPORTED_SCHEME(HttpResponseStatus.BAD_REQUEST, true, "unsupported-scheme"),
    /** CONNECT without host:port, a port out of range, userinfo in the authority. */
    MALFORMED_TARGET(HttpResponseStatus.BAD_REQUEST, true, "malformed-target"),
    /** RFC 9110 §11.7.1: no Proxy-Authorization; the 407 carries the Basic challenge. */
    PROXY_AUTH_REQUIRED(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, false, "proxy-auth-required"),
    PROXY_AUTH_INVALID(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, false, "proxy-auth-invalid"),
    /** Rules name DNS names; an IP literal in any form is refused before any rule is looked at (SSRF). */
    IP_LITERAL(HttpResponseStatus.FORBIDDEN, false, "ip-literal"),
    INVALID_HOST(HttpResponseStatus.BAD_REQUEST, false, "invalid-host"),
    NOT_ALLOW_LISTED(HttpResponseStatus.FORBIDDEN, false, "not-allow-listed"),
    /** The name resolved to a private, loopback, link-local or other special-purpose address (SSRF). */
    SPECIAL_ADDRESS(HttpResponseStatus.FORBIDDEN, false, "special-address"),
    UNRESOLVED_HOST(HttpResponseStatus.BAD_GATEWAY, false, "unresolved-host"),
    /** Over {@code limits.maxConnections}: nothing was read, so nothing is owed but a close. */
    TOO_MANY_CONNECTIONS(null, true, "too-many-connections"),
    INTERNAL(HttpResponseStatus.INTERNAL_SERVER_ERROR, true, "internal");

    private final HttpResponseStatus status;
    private final boolean close;
    private final String tag;

    RejectReason(HttpResponseStatus status, boolean close, String tag) {
        this.status = status;
        this.close = close;
        this.tag = tag;
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
