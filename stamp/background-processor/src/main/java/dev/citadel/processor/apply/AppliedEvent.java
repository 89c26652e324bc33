package dev.citadel.processor.apply;

/**
 * The result of applying one record.
 *
 * @param stored           true when the store was written; false when the event was discarded on purpose
 *                         (health probes)
 * @param eventType        the event's type name, for logs
 * @param acceptedAtMillis when the API accepted the event (epoch ms), or 0 when unknown
 */
public record AppliedEvent(boolean stored, String eventType, long acceptedAtMillis) {

    public static AppliedEvent stored(String eventType, long acceptedAtMillis) {
        return new AppliedEvent(true, eventType, acceptedAtMillis);
    }

    public static AppliedEvent discarded(String eventType) {
        return new AppliedEvent(false, eventType, 0);
    }
}
