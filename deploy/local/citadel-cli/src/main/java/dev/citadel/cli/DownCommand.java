package dev.citadel.cli;

import dev.citadel.cli.network.IsolationMarker;
import dev.citadel.cli.network.NetworkSetup;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.cli.supervisor.ProgressPrinter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code citadel down}: stop everything {@code up} started. Safe to run any number of times. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stops the supervisor and every service, then the engines (SIGTERM, then SIGKILL after a "
                + "grace period), and removes the state files. Data, certificates and logs stay for the next `up`."})
public final class DownCommand implements Callable<Integer>, OutputOptions.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    private final SupervisorFactory supervisors;

    public DownCommand() {
        this(SupervisorFactory.ENGINES);
    }

    DownCommand(SupervisorFactory supervisors) {
        this.supervisors = supervisors;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = output.quiet() ? Progress.SILENT : new ProgressPrinter(out);
        // The supervisor first: otherwise it would restart the services that lose their database.
        int stopped = SupervisorProcess.stop(new RunLayout(topology.runDir()), progress);
        stopped += supervisors.create(topology.runDir()).down(progress);
        removeIsolatedNetwork(progress);
        // The next `up` starts the topology as written (release unit a), whichever unit a release left serving.
        dev.citadel.cli.services.JsonFiles.delete(topology.runDir().resolve(dev.citadel.cli.release.ReleaseState.FILE));
        dev.citadel.cli.services.JsonFiles.delete(topology.runDir().resolve(dev.citadel.cli.release.ReleaseState.ROLLBACK_MARKER));
        if (!output.quiet()) {
            out.println(stopped == 0 ? "nothing was running" : "stopped " + stopped + (stopped == 1 ? " process" : " processes"));
            out.flush();
        }
        return ExitCode.OK;
    }

    /**
     * Every namespace under the run's prefix: veths and rules live inside them, so deleting them removes everything
     * isolated mode made. {@code up} writes the marker before its first namespace, so this holds after a crashed
     * {@code up} too; a run without the marker (loopback mode) touches no namespace.
     */
    private void removeIsolatedNetwork(Progress progress) {
        String prefix = IsolationMarker.read(topology.runDir()).orElse(null);
        if (prefix != null && !NetworkSetup.existing(prefix).isEmpty()) {
            NetworkSetup.requireRootAndTools();
            int removed = NetworkSetup.remove(prefix);
            progress.step("removed the isolated network (" + removed + " namespaces " + prefix + "-*)");
        }
        IsolationMarker.delete(topology.runDir());
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
