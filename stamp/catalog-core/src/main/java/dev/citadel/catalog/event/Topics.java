package dev.citadel.catalog.event;

/** Default topic names; each service lets them be overridden in its configuration. */
public final class Topics {

  /** The stamp's catalog event topic. */
  public static final String CATALOG_EVENTS = "catalog-events";
  /** Where the processor parks poison records, with the reason in headers. */
  public static final String CATALOG_EVENTS_DLQ = "catalog-events-dlq";

  private Topics() {}
}
