package dev.citadel.cli.supervisor;

import dev.citadel.cli.plan.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds listeners that are already taken before anything starts, so a busy port is reported in one clear line
 * instead of as an engine that failed half-way through its start.
 */
public final class PortProbe {

    private PortProbe() {}

    public static List<Endpoint> busy(List<Endpoint> endpoints) {
        List<Endpoint> busy = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (!canBind(endpoint)) {
                busy.add(endpoint);
            }
        }
        return busy;
    }

    static boolean canBind(Endpoint endpoint) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as the engines: a socket in TIME_WAIT after a recent `down` does not make the port busy.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(endpoint.address()), endpoint.port()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
