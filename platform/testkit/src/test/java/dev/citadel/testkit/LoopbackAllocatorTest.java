package dev.citadel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoopbackAllocatorTest {

    @Test
    void picksConsecutiveAddressesInTheTestRangeOfLoopback() {
        List<String> block = new LoopbackAllocator(new Random(42)).addresses(3, 45123);

        assertThat(block).hasSize(3).allMatch(a -> a.matches("127\\.1\\d\\d\\.\\d{1,3}\\.\\d{1,3}"));
        int last = Integer.parseInt(block.get(0).substring(block.get(0).lastIndexOf('.') + 1));
        assertThat(block.get(1)).endsWith("." + (last + 1));
        assertThat(block.get(2)).endsWith("." + (last + 2));
    }

    @Test
    void differentRunsGetDifferentBlocks() {
        List<String> a = new LoopbackAllocator().addresses(3, 45124);
        List<String> b = new LoopbackAllocator().addresses(3, 45124);

        assertThat(a).doesNotContainAnyElementsOf(b);
    }

    @Test
    void seesAPortInUseOnAnAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.177.1.1", 0));

            assertThat(LoopbackAllocator.allFree("127.177.1.1", taken.getLocalPort())).isFalse();
            assertThat(LoopbackAllocator.allFree("127.177.1.2", taken.getLocalPort())).isTrue();
        }
    }

    @Test
    void freePortIsBindableOnLocalhost() throws Exception {
        int port = LoopbackAllocator.freePort();

        assertThat(LoopbackAllocator.allFree("127.0.0.1", port)).isTrue();
    }
}
