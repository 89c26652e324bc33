package dev.citadel.webui.web;

import java.net.URI;

/** The problem types web-ui answers with; the URIs are the ones catalog-api uses for the same conditions. */
enum ProblemType {
    EDGE_FORBIDDEN(403, "edge-forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    HTTP_ERROR(0, "http-error", "Request failed"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    private final int status;
    private final URI uri;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.uri = URI.create("https://citadel.dev/problems/" + slug);
        this.title = title;
    }

    URI uri() {
        return uri;
    }

    String title() {
        return title;
    }

    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : HTTP_ERROR;
    }
}
