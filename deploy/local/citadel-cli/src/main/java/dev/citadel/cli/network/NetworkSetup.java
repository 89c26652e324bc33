package dev.citadel.cli.network;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link NetworkCommands} as root, and removes a prefix's namespaces again. */
public final class NetworkSetup {

    /** Where {@code ip netns} keeps its named namespaces. */
    private static final Path NETNS_DIR = Path.of("/run/netns");
    /** {@code ip} and {@code nft} live in sbin, which a non-login PATH may lack. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private NetworkSetup() {}

    /** Builds the plan's namespaces afresh: whatever an earlier (perhaps crashed) run left is removed first. */
    public static void create(NetworkPlan plan, String prefix) {
        requireRootAndTools();
        remove(prefix);
        try {
            for (NetworkCommands.Command command : NetworkCommands.create(plan, prefix)) {
                run(command);
            }
        } catch (RuntimeException e) {
            remove(prefix);
            throw e;
        }
    }

    /** Deletes every namespace named {@code <prefix>-*} (their veths, addresses and rules go with them); the count. */
    public static int remove(String prefix) {
        List<String> ours = existing(prefix);
        for (String ns : ours) {
            run(new NetworkCommands.Command(List.of("ip", "netns", "delete", ns), null));
        }
        return ours.size();
    }

    /** The namespaces named {@code <prefix>-*} that exist now. */
    public static List<String> existing(String prefix) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(NETNS_DIR)) {
            return names;
        }
        try (var entries = Files.list(NETNS_DIR)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "cannot list " + NETNS_DIR + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** Whether the named namespace exists. */
    public static boolean exists(String namespace) {
        return Files.exists(NETNS_DIR.resolve(namespace));
    }

    /** Fails with a clear message unless this process may create namespaces and nftables rules. */
    public static void requireRootAndTools() {
        if (!isRoot()) {
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "isolated mode needs root: it creates network "
                    + "namespaces, veth pairs and nftables rules. Run it as root, or run `up` without --isolated "
                    + "(loopback mode)");
        }
        for (String tool : List.of("ip", "nft")) {
            if (executable(tool) == null) {
                throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "isolated mode needs `" + tool + "` ("
                        + (tool.equals("ip") ? "iproute2" : "nftables") + "): apt-get install -y "
                        + (tool.equals("ip") ? "iproute2" : "nftables"));
            }
        }
    }

    /** The effective uid, from the kernel's own view of this process. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            // No /proc: not a Linux this mode works on anyway.
        }
        return false;
    }

    /** The absolute path of {@code tool} in PATH or sbin, or null. */
    static String executable(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SBIN);
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }

    /** Runs one command; its stderr becomes the message if it fails. The first word is resolved in PATH and sbin. */
    static String run(NetworkCommands.Command command) {
        List<String> argv = new ArrayList<>(command.argv());
        String resolved = executable(argv.get(0));
        if (resolved != null) {
            argv.set(0, resolved);
        }
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (command.stdin() != null) {
                    in.write(command.stdin().getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, String.join(" ", command.argv())
                        + ": no answer within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, String.join(" ", command.argv())
                        + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, String.join(" ", command.argv()) + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "interrupted", e);
        }
    }
}
