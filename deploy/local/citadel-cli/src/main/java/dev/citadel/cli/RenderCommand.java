package dev.citadel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code citadel render}: the topology written out for another deployment target; each target is a subcommand. */
@Command(name = "render", mixinStandardHelpOptions = true, subcommands = RenderK8sCommand.class,
        description = "Writes the topology for another target: `render k8s` writes Kubernetes manifests.")
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
