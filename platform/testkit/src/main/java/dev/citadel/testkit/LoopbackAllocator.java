package dev.citadel.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Picks addresses and ports for one test run so that runs never collide with each other or with a
 * running {@code citadel up}: a random block of consecutive addresses 127.X.Y.Z with X in 100..199
 * (the CLI uses other blocks), each checked free on the ports the engines will bind.
 */
final class LoopbackAllocator {

    private static final int ATTEMPTS = 50;
    private final Random random;

    LoopbackAllocator() {
        this(new SecureRandom());
    }

    LoopbackAllocator(Random random) {
        this.random = random;
    }

    /** {@code count} consecutive addresses, each free on every one of {@code ports}. */
    List<String> addresses(int count, int... ports) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int x = 100 + random.nextInt(100);
            int y = random.nextInt(256);
            int z = 1 + random.nextInt(250 - count);
            List<String> block = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                block.add("127." + x + "." + y + "." + (z + i));
            }
            if (block.stream().allMatch(a -> allFree(a, ports))) {
                return block;
            }
        }
        throw new IllegalStateException("no free block of " + count + " loopback addresses after " + ATTEMPTS + " attempts");
    }

    /** A port that is free on 127.0.0.1 right now (for local JMX, which binds there). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(false);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    static boolean allFree(String address, int... ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(address, port), 1);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
