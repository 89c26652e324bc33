package dev.citadel.catalogapi.web;

/** URL-segment versioning (CITADEL.md §4): every API path is {@code /api/{version}/...}; only 1.0 is served. */
public final class ApiVersion {

    public static final String SUPPORTED = "1.0";
    /** The request-mapping prefix of every versioned controller. */
    public static final String PREFIX = "/api/{version}";

    private ApiVersion() {
    }
}
