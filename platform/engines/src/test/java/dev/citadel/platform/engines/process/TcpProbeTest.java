package dev.citadel.platform.engines.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

    @Test
    void seesAListeningSocketAndNoLongerOnceItIsClosed() throws Exception {
        InetSocketAddress endpoint;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            endpoint = new InetSocketAddress("127.0.0.1", server.getLocalPort());

            assertThat(TcpProbe.listening(endpoint)).isTrue();
        }
        assertThat(TcpProbe.listening(endpoint)).isFalse();
    }
}
