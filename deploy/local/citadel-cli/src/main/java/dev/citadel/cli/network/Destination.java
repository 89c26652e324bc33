package dev.citadel.cli.network;

/**
 * One socket of the isolated network that {@code check network} tries from every other zone: a listener of a process
 * of the topology (or, in the internet and management zones, a stand-in host).
 *
 * @param zone    the zone the address belongs to
 * @param label   what listens there, e.g. {@code catalog-api-region1 public}
 * @param address the zone-local address
 * @param port    the TCP port
 */
public record Destination(Zone zone, String label, String address, int port) {

    /** {@code address:port}. */
    public String socket() {
        return address + ":" + port;
    }
}
