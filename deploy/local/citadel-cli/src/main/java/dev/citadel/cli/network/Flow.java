package dev.citadel.cli.network;

/**
 * One designed flow: TCP from every address of {@code from} to {@code address:port} in {@code to}. A null address means
 * the whole destination zone, port 0 any port (the egress zone to the internet: the egress firewall's allow-list
 * decides what actually leaves, not the network).
 */
public record Flow(Zone from, Zone to, String address, int port, String why) {

    /** Whether this flow lets {@code source} reach {@code destination}. */
    public boolean permits(Zone source, Destination destination) {
        return from.equals(source) && to.equals(destination.zone())
                && (address == null || address.equals(destination.address()))
                && (port == 0 || port == destination.port());
    }
}
