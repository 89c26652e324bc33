package dev.citadel.cli.chaos;

/**
 * One request of the chaos load, as the client saw it. {@code status} is 0 when no HTTP answer came ({@code error}
 * says why: timeout, connect, reset); {@code region} is the stamp that answered ({@code X-Server-Location}), empty
 * when none did; {@code location} is the accepted write's resource path, read back by the audit.
 */
public record RequestOutcome(long startMillis, long endMillis, Operation operation, int status, String error,
                             String region, String location) {

    public RequestOutcome {
        error = error == null ? "" : error;
        region = region == null ? "" : region;
        location = location == null ? "" : location;
    }

    /** The mix: reads must never fail, writes are accepted (202/201) or refused with a retryable answer. */
    public enum Operation {
        GET_ITEM(true), LIST_ITEMS(true), RATE(false), COMMENT(false);

        private final boolean read;

        Operation(boolean read) {
            this.read = read;
        }

        public boolean read() {
            return read;
        }
    }

    public boolean succeeded() {
        return operation.read() ? status == 200 : status == 201 || status == 202;
    }

    /** What went wrong, as counted in the report: {@code HTTP 503}, {@code timeout}, ...; empty when it succeeded. */
    public String errorKind() {
        if (succeeded()) {
            return "";
        }
        return status > 0 ? "HTTP " + status : error;
    }
}
