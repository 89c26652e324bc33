package dev.citadel.platform.engines.process;

import java.util.ArrayList;
import java.util.List;

/**
 * What goes in front of a child's {@code java ...} command: wrappers that each exec the next, so the child keeps one
 * pid and its command line ends up as java's own (its {@code -Dcitadel.engine=} marker stays visible). Prefixes
 * compose outermost first: {@code netns.then(runAs).apply(argv)} gives {@code ip netns exec Z setpriv ... -- java}.
 * Every spawn path of engines and services builds its argv through one of these.
 */
public record LaunchPrefix(List<String> args) {

    public static final LaunchPrefix NONE = new LaunchPrefix(List.of());

    public LaunchPrefix {
        args = List.copyOf(args);
    }

    /**
     * Drops root to {@code user} (and its own group) for the rest of the chain: util-linux's {@code setpriv} execs,
     * no supplementary groups, and no way back up through a setuid binary.
     */
    public static LaunchPrefix runAs(ProcessIdentity identity) {
        if (identity == null) {
            return NONE;
        }
        String user = identity.user();
        return new LaunchPrefix(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups",
                "--no-new-privs", "--"));
    }

    /**
     * Runs the rest of the chain inside the named network namespace (isolated mode): iproute2's {@code ip netns exec}
     * enters it and execs, so the child keeps the pid it was started with. {@code null} or blank: no prefix.
     */
    public static LaunchPrefix netns(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return NONE;
        }
        return new LaunchPrefix(List.of(IP, "netns", "exec", namespace));
    }

    /** {@code ip} lives in sbin, which a non-login PATH (a supervisor started by a service manager) may lack. */
    static final String IP = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip"
            : java.nio.file.Files.isExecutable(java.nio.file.Path.of("/sbin/ip")) ? "/sbin/ip" : "ip";

    /** This prefix, then {@code inner} (which runs inside it). */
    public LaunchPrefix then(LaunchPrefix inner) {
        List<String> all = new ArrayList<>(args);
        all.addAll(inner.args);
        return new LaunchPrefix(all);
    }

    public List<String> apply(List<String> argv) {
        if (args.isEmpty()) {
            return List.copyOf(argv);
        }
        List<String> all = new ArrayList<>(args);
        all.addAll(argv);
        return List.copyOf(all);
    }
}
