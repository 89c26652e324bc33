package dev.citadel.platform.engines.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void decodesProcNetAddresses() {
        assertThat(ListeningSockets.address("0100007F:1C1F")).isEqualTo("127.0.0.1:7199");
        assertThat(ListeningSockets.address("0A01007F:2352")).isEqualTo("127.0.1.10:9042");
        assertThat(ListeningSockets.address("00000000:0050")).isEqualTo("0.0.0.0:80");
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F:1C1F")).isEqualTo("127.0.0.1:7199");
        assertThat(ListeningSockets.address("00000000000000000000000000000000:1F90"))
                .isEqualTo("[00000000000000000000000000000000]:8080");
    }

    @Test
    void findsASocketThisProcessListensOn() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            assertThat(ListeningSockets.of(ProcessHandle.current().pid())).contains("127.0.0.1:" + s.getLocalPort());
        }
    }
}
