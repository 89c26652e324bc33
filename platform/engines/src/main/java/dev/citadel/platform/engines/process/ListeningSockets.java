package dev.citadel.platform.engines.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP sockets a process listens on, as {@code address:port} (Linux: its socket inodes in {@code /proc/<pid>/fd}
 * matched against {@code /proc/net/tcp} and {@code tcp6}). For checks that an engine opens only the ports it should.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** E.g. {@code [127.0.0.1:7199, 127.0.1.10:7000, 127.0.1.10:9042]}; IPv6 addresses as {@code [hex]:port}. */
    public static Set<String> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && LISTEN.equals(f[3]) && inodes.contains(f[9])) {
                        listening.add(address(f[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return listening;
    }

    static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed between listing and reading: not a listener we can report
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the file descriptors of pid " + pid, e);
        }
        return inodes;
    }

    /** {@code 0100007F:1C1F} → {@code 127.0.0.1:7199}; an IPv4-mapped IPv6 address is shown as IPv4. */
    static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 8) {
            return ipv4(ip) + ":" + port;
        }
        if (ip.startsWith("0000000000000000FFFF0000")) {
            return ipv4(ip.substring(24)) + ":" + port;
        }
        return "[" + ip + "]:" + port;
    }

    /** /proc prints the address as one little-endian 32-bit word. */
    private static String ipv4(String hex) {
        return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
    }
}
