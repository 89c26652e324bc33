package dev.citadel.catalogapi.image;

/** {@code If-None-Match} evaluation (RFC 9110 §13.1.2): weak comparison, a list of tags, or {@code *}. */
final class ETags {

    private ETags() {
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            if (opaque(candidate.strip()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
