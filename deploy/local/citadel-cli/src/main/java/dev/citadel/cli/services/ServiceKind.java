package dev.citadel.cli.services;

import dev.citadel.catalog.schema.AccessProfile;
import java.util.Locale;

/** The processes {@code up} launches on top of the data tier: four per stamp, and the edge. */
public enum ServiceKind {
    CATALOG_API("catalog-api", "stamp/catalog-api/target/catalog-api.jar"),
    BACKGROUND_PROCESSOR("background-processor", "stamp/background-processor/target/background-processor.jar"),
    HEALTH_SERVICE("health-service", "stamp/health-service/target/health-service.jar"),
    WEB_UI("web-ui", "stamp/web-ui/target/web-ui.jar"),
    EGRESS_FIREWALL("egress-firewall", "stamp/egress-firewall/target/egress-firewall.jar"),
    EDGE("edge", "global/edge-gateway/target/edge-gateway.jar");

    private final String id;
    private final String jar;

    ServiceKind(String id, String jar) {
        this.id = id;
        this.jar = jar;
    }

    /** kebab-case name, as everywhere else (module folder, spring.application.name, component prefix). */
    public String id() {
        return id;
    }

    /** Spring Boot services run from an extracted jar; the Netty appliances (edge, egress firewall) from their own. */
    public boolean springBoot() {
        return this != EDGE && this != EGRESS_FIREWALL;
    }

    /** The fat jar, relative to the repository root. */
    public String jar() {
        return jar;
    }

    /** The component name: {@code catalog-api-region1}, or just {@code edge} for the (global) edge. */
    public String component(String region) {
        return this == EDGE ? id : id + "-" + region;
    }

    /** Cassandra role names are CQL identifiers: no dashes. */
    public String cassandraRole(String region) {
        return (id + "_" + region).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /** The services with a Cassandra role of their own, each with its least-privilege profile. */
    public static final java.util.Map<ServiceKind, AccessProfile> CASSANDRA_ACCESS = java.util.Map.of(
            CATALOG_API, AccessProfile.API, BACKGROUND_PROCESSOR, AccessProfile.PROCESSOR,
            HEALTH_SERVICE, AccessProfile.HEALTH);

    /** The name the stamp's certificates carry: {@code catalog-api.region1.citadel}. */
    public String dnsName(String region) {
        return id + "." + region + ".citadel";
    }
}
