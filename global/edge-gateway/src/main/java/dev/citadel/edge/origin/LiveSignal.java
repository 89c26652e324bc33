package dev.citadel.edge.origin;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an origin's answer says about the origin, for passive ejection. Failure and overload must be told apart: a
 * stamp that takes over the load of a dead one gets busy (429, shed 503s, slow answers) and must never be ejected
 * for it, or the edge cascades from one dead stamp to none.
 *
 * <ul>
 *   <li>{@link #DEPENDENCY_DOWN}: a 503 of problem type {@code .../dependency-unavailable}: the stamp says it cannot
 *       serve (Cassandra or Kafka gone); eject at once.</li>
 *   <li>{@link #OVERLOAD}: 429, or a 503 whose problem type names overload, shedding or a rate limit; neither a
 *       failure nor a success.</li>
 *   <li>{@link #FAILURE}: 500, 502, 504, any other 503; counted towards {@code ejection.consecutiveFailures}.</li>
 *   <li>{@link #SUCCESS}: everything else (a 4xx is the client's, not the origin's, fault).</li>
 * </ul>
 */
public enum LiveSignal {
    SUCCESS, OVERLOAD, DEPENDENCY_DOWN, FAILURE;

    /** Problem bodies are small; a larger one is not read for its type. */
    private static final int MAX_PROBLEM_BYTES = 8192;
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]{1,300})\"");

    /**
     * @param contentType the response's Content-Type, or null
     * @param body        the response body (only read for a problem+json 503)
     */
    public static LiveSignal of(int status, String contentType, byte[] body) {
        if (status == 429) {
            return OVERLOAD;
        }
        if (status == 503) {
            String type = problemType(contentType, body);
            if (type == null) {
                return FAILURE;
            }
            if (type.endsWith("/dependency-unavailable")) {
                return DEPENDENCY_DOWN;
            }
            return type.contains("overload") || type.contains("shed") || type.contains("rate-limit")
                    || type.contains("too-many-requests") ? OVERLOAD : FAILURE;
        }
        return status == 500 || status == 502 || status == 504 ? FAILURE : SUCCESS;
    }

    /** The {@code type} of an RFC 9457 problem body, lower case; null when the answer is not one. */
    static String problemType(String contentType, byte[] body) {
        if (contentType == null || body == null || body.length == 0 || body.length > MAX_PROBLEM_BYTES
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return null;
        }
        Matcher m = TYPE.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
