package dev.citadel.platform.engines.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The cheapest readiness pre-check: does anything accept TCP connections there yet? */
public final class TcpProbe {

    private TcpProbe() {
    }

    public static boolean listening(InetSocketAddress endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(endpoint, 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
